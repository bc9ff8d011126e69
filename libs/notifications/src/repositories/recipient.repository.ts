import { Injectable } from '@nestjs/common';
import { sqlRows, SqlRunner } from '@mptf/platform';
import type { Recipients } from '../notify.types';

/** A user who receives a notification, as the mail needs them. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** Who a notification goes to, read through identity's views (identity_users_v, identity_organizations_v). */
@Injectable()
export class RecipientRepository {
  resolve(db: SqlRunner, recipients: Recipients): Promise<Recipient[]> {
    return sqlRows<Recipient>(
      db,
      `SELECT u.id, u.email, u.name
         FROM identity_users_v u
         LEFT JOIN identity_organizations_v o ON o.id = u.organization_id
        WHERE u.active
          AND (u.id = ANY($1::uuid[])
               OR u.roles && $2::text[]
               OR ((o.code = ANY($3::text[]) OR u.organization_id = ANY($6::uuid[])) AND u.roles && $4::text[]))
          AND NOT (u.id = ANY($5::uuid[]))
        ORDER BY u.email`,
      [
        recipients.userIds ?? [],
        recipients.roles ?? [],
        recipients.organizations?.codes ?? [],
        recipients.organizations?.roles ?? [],
        recipients.exceptUserIds ?? [],
        recipients.organizations?.ids ?? [],
      ],
    );
  }
}
