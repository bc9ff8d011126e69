import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import { ConflictError, NotFoundError, Page, pageOf, ValidationError } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { PasswordHasher } from '../auth/password-hasher';
import { Organization } from '../organizations/organization.entity';
import { Permission, rolesGranted } from '../permissions';
import { Role } from '../roles';
import { User } from './user.entity';
import { Member, UserRepository } from './user.repository';

export type { Member } from './user.repository';

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  roles: Role[];
  organizationCode?: string | null;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  organizationCode: string | null;
  active: boolean;
  createdAt: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    organizationCode: user.organization?.code ?? null,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly repository: UserRepository,
  ) {}

  async create(actor: AuthUser, input: CreateUserInput): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      let organizationId: string | null = null;
      if (input.organizationCode) {
        const organization = await manager.findOne(Organization, { where: { code: input.organizationCode } });
        if (!organization)
          throw ValidationError.field(
            'organizationCode',
            `${input.organizationCode} is not a known organization`,
          );
        organizationId = organization.id;
      }
      if (await manager.exists(User, { where: { email } })) {
        throw new ConflictError(`A user with email ${email} already exists`, [
          { field: 'email', message: 'is taken' },
        ]);
      }
      const { id } = await manager.save(
        User,
        manager.create(User, { email, name: input.name, passwordHash, roles: input.roles, organizationId }),
      );
      const user = await manager.findOneOrFail(User, { where: { id } });
      const view = toUserView(user);
      await this.audit.record(manager, {
        actor,
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        after: view,
      });
      return view;
    });
  }

  async list(query: {
    page: number;
    pageSize: number;
    role?: Role;
    active?: boolean;
  }): Promise<Page<UserView>> {
    const [users, total] = await this.repository.page(this.dataSource.manager, query);
    return pageOf(users.map(toUserView), total, query);
  }

  /**
   * The active users the permission table grants `permission` (e.g. who may decide as the
   * Steering Committee's chair), for other libs' rules, read in the caller's transaction.
   */
  activeHolders(manager: EntityManager, permission: Permission): Promise<Member[]> {
    return this.repository.activeWithRoles(manager, rolesGranted(permission));
  }

  async deactivate(actor: AuthUser, id: string): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, {
        where: { id },
        lock: { mode: 'pessimistic_write', tables: ['users'] },
      });
      if (!user) throw new NotFoundError('User', id);
      if (user.id === actor.id) throw new ConflictError('You cannot deactivate your own account');
      const before = toUserView(user);
      if (user.active) {
        await manager.update(User, { id }, { active: false });
        user.active = false;
      }
      const after = toUserView(user);
      await this.audit.record(manager, {
        actor,
        action: 'user.deactivate',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }
}
