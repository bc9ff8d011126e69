import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { UserRepository } from '../users/user.repository';
import { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';

const SECRET = 'a-test-signing-key-of-32-characters!';
const USER_ID = '0192a4f0-0000-7000-8000-000000000001';
const USER: AuthUser = {
  id: USER_ID,
  email: 'iom.focal@mptf.test',
  name: 'IOM focal point',
  roles: [],
  organizationId: null,
  organizationCode: null,
  organizationType: null,
};

function setUp(activeUser: () => AuthUser | null = () => USER) {
  const jwt = new JwtService({
    secret: SECRET,
    signOptions: { algorithm: 'HS256', expiresIn: 60 },
    verifyOptions: { algorithms: ['HS256'] },
  });
  const users = { activeAuthUser: jest.fn(async () => activeUser()) };
  const auth = new AuthService(
    {} as DataSource,
    jwt,
    {} as PasswordHasher,
    {} as LoginThrottle,
    users as unknown as UserRepository,
  );
  return { auth, jwt, users };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).message;
}

describe('AuthService.authenticate', () => {
  afterEach(() => jest.restoreAllMocks());

  it("checks a token's signature once per process, and still reads the user on every request", async () => {
    const { auth, jwt, users } = setUp();
    const token = jwt.sign({ sub: USER_ID });
    const verify = jest.spyOn(jwt, 'verifyAsync');
    await expect(auth.authenticate(token)).resolves.toEqual(USER);
    await expect(auth.authenticate(token)).resolves.toEqual(USER);
    await expect(auth.authenticate(token)).resolves.toEqual(USER);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(users.activeAuthUser).toHaveBeenCalledTimes(3);
  });

  it('refuses a token verified before once it has expired', async () => {
    const { auth, jwt } = setUp();
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now);
    const token = jwt.sign({ sub: USER_ID }, { expiresIn: 10 });
    await expect(auth.authenticate(token)).resolves.toEqual(USER);
    jest.spyOn(Date, 'now').mockReturnValue(now + 11_000);
    expect(await refusal(auth.authenticate(token))).toBe('The access token is invalid or has expired');
  });

  it('refuses a deactivated user at once, even with a token it verified before', async () => {
    let active = true;
    const { auth, jwt } = setUp(() => (active ? USER : null));
    const token = jwt.sign({ sub: USER_ID });
    await expect(auth.authenticate(token)).resolves.toEqual(USER);
    active = false;
    expect(await refusal(auth.authenticate(token))).toBe('The account is not active');
  });

  it('refuses, every time, a token signed with another key or altered after a valid one was seen', async () => {
    const { auth, jwt } = setUp();
    const token = jwt.sign({ sub: USER_ID });
    await expect(auth.authenticate(token)).resolves.toEqual(USER);
    const [header, payload, signature] = token.split('.');
    const otherSub = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        sub: USER_ID.replace(/1$/, '2'),
      }),
    ).toString('base64url');
    const forged = [header, otherSub, signature].join('.');
    const foreign = new JwtService({ secret: `${SECRET}-other` }).sign({ sub: USER_ID }, { expiresIn: 60 });
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await refusal(auth.authenticate(forged))).toBe('The access token is invalid or has expired');
      expect(await refusal(auth.authenticate(foreign))).toBe('The access token is invalid or has expired');
    }
  });

  it('refuses a token without an expiry', async () => {
    const { auth } = setUp();
    const token = new JwtService({ secret: SECRET }).sign({ sub: USER_ID });
    expect(await refusal(auth.authenticate(token))).toBe('The access token is invalid or has expired');
  });
});
