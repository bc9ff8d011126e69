import { Injectable } from '@nestjs/common';
import { offsetOf, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { Role } from '../roles';
import { User } from './user.entity';

/** A user as another lib's rule needs them: who, and for which organization. */
export interface Member {
  id: string;
  organizationId: string | null;
}

/** The users table: the signed-in user of a request, lists, and who holds a role. */
@Injectable()
export class UserRepository {
  /** An active user as services see them, or null (every request passes here: one plain statement). */
  activeAuthUser(db: SqlRunner, id: string): Promise<AuthUser | null> {
    return sqlRow<AuthUser>(
      db,
      `SELECT u.id, u.email, u.name, u.roles, u.organization_id AS "organizationId",
              o.code AS "organizationCode", o.type AS "organizationType"
         FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active`,
      [id],
    );
  }

  /** The user with this email, their organization and (selected only here) their password hash. */
  withPasswordHash(manager: EntityManager, email: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email })
      .getOne();
  }

  /** Active users holding any of `roles`, by id. */
  activeWithRoles(db: SqlRunner, roles: readonly Role[]): Promise<Member[]> {
    return sqlRows<Member>(
      db,
      `SELECT id, organization_id AS "organizationId" FROM users WHERE active AND roles && $1::text[] ORDER BY id`,
      [roles],
    );
  }

  /** One page of users (with their organization), by email, and how many match. */
  async page(
    manager: EntityManager,
    query: { page: number; pageSize: number; role?: Role; active?: boolean },
  ): Promise<[User[], number]> {
    const qb = manager.getRepository(User).createQueryBuilder('u').leftJoinAndSelect('u.organization', 'o');
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    return qb.orderBy('u.email', 'ASC').skip(offsetOf(query)).take(query.pageSize).getManyAndCount();
  }
}
