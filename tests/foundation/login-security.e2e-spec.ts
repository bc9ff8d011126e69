import { JwtService } from '@nestjs/jwt';
import { PasswordHasher } from '@mptf/identity';
import { DEV_JWT_SECRET } from '@mptf/platform';
import { createTestContext, DEMO_PASSWORD, TestContext } from '../support/test-context';

const ADMIN = 'admin@mptf.test';
const LIMIT = 10;

/** Client addresses as a trusted proxy (loopback, the default TRUST_PROXY) reports them. */
const from = (address: string) => ({ 'X-Forwarded-For': address });

describe('login: tokens, throttling per account and address, equal work', () => {
  let t: TestContext;
  let verify: jest.SpyInstance;
  beforeAll(async () => {
    t = await createTestContext({
      env: {
        LOGIN_THROTTLE_LIMIT: String(LIMIT),
        LOGIN_THROTTLE_ACCOUNT_LIMIT: '30',
        LOGIN_THROTTLE_ADDRESS_LIMIT: '30',
      },
    });
    verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
  });
  afterAll(() => t.close());
  beforeEach(() => verify.mockClear());

  const login = (address: string, email: string, password: string) =>
    t.http.post('/api/v1/auth/login').set(from(address)).send({ email, password });

  it('refuses tokens signed with the built-in development key and tokens without exp', async () => {
    const [{ id }] = (await t.db.query('SELECT id FROM users WHERE email = $1', [ADMIN])) as { id: string }[];
    const jwt = new JwtService({});
    const forged = jwt.sign({ sub: id }, { secret: DEV_JWT_SECRET, algorithm: 'HS256', expiresIn: 3600 });
    expect((await t.http.get('/api/v1/users').set('Authorization', `Bearer ${forged}`)).status).toBe(401);

    const secret = process.env.JWT_SECRET as string;
    const timeless = jwt.sign({ sub: id }, { secret, algorithm: 'HS256' });
    const refused = await t.http.get('/api/v1/users').set('Authorization', `Bearer ${timeless}`);
    expect(refused.status).toBe(401);
    const expiring = jwt.sign({ sub: id }, { secret, algorithm: 'HS256', expiresIn: 60 });
    expect((await t.http.get('/api/v1/users').set('Authorization', `Bearer ${expiring}`)).status).toBe(200);
    const expired = jwt.sign(
      { sub: id, exp: Math.floor(Date.now() / 1000) - 5 },
      { secret, algorithm: 'HS256' },
    );
    expect((await t.http.get('/api/v1/users').set('Authorization', `Bearer ${expired}`)).status).toBe(401);
  });

  it('checks one password for an unknown email as for a real one (the same work)', async () => {
    expect((await login('198.51.100.1', 'nobody@mptf.test', 'guess')).status).toBe(401);
    expect((await login('198.51.100.1', 'fmu@mptf.test', 'guess')).status).toBe(401);
    expect(verify).toHaveBeenCalledTimes(2);
    const [unknownHash] = verify.mock.calls[0] as [string, string];
    expect(unknownHash).toMatch(/^\$argon2id\$/);
  });

  it('45 parallel wrong guesses from one address: at most the limit checked, the right password then refused', async () => {
    const address = '198.51.100.2';
    const guesses = await Promise.all(
      Array.from({ length: 45 }, (_unused, index) => login(address, ADMIN, `wrong-${index}`)),
    );
    const statuses = guesses.map((response) => response.status);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((status) => status === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(45 - LIMIT);
    const right = await login(address, ADMIN, DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.message).toMatch(/this account from this address/);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(LIMIT);

    // The owner, from anywhere else, is not locked out by that address's guesses.
    expect((await login('198.51.100.3', ADMIN, DEMO_PASSWORD)).status).toBe(200);
  });

  it("an address's failures on other accounts never refuse an account it has not failed on", async () => {
    const address = '198.51.100.4';
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_unused, index) =>
          login(address, `made-up-${batch}-${index}@example.org`, 'guess'),
        ),
      );
    }
    // Over its limit, the address gets no second try on an account it failed on …
    expect((await login(address, 'made-up-0-0@example.org', 'guess')).status).toBe(429);
    // … but the right password of an account it has not failed on is never refused.
    expect((await login(address, ADMIN, DEMO_PASSWORD)).status).toBe(200);
    expect((await login(address, 'fmu@mptf.test', DEMO_PASSWORD)).status).toBe(200);
    // 63 logins, each hashing a password on purpose (equal work): a loaded machine needs longer.
  }, 180_000);

  it('an account guessed from many addresses gives each address one try; a clean address still signs in', async () => {
    const account = 'aa@mptf.test';
    for (let address = 0; address < 30; address++) {
      expect((await login(`203.0.113.${address}`, account, 'guess')).status).toBe(401);
    }
    expect((await login('203.0.113.0', account, DEMO_PASSWORD)).status).toBe(429);
    expect((await login('203.0.113.200', account, 'guess')).status).toBe(401);
    expect((await login('203.0.113.200', account, 'guess')).status).toBe(429);
    expect((await login('203.0.113.201', account, DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('login throttle without a trusted proxy (TRUST_PROXY=false)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { LOGIN_THROTTLE_LIMIT: '3', TRUST_PROXY: 'false' } });
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For: the peer address counts', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await t.http
        .post('/api/v1/auth/login')
        .set(from(`192.0.2.${attempt}`))
        .send({ email: ADMIN, password: 'guess' });
      expect(response.status).toBe(401);
    }
    const spoofed = await t.http
      .post('/api/v1/auth/login')
      .set(from('192.0.2.99'))
      .send({ email: ADMIN, password: DEMO_PASSWORD });
    expect(spoofed.status).toBe(429);
  });
});
