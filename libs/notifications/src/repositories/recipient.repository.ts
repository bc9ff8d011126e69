import { Injectable } from '@nestjs/common';
import { sqlRows, SqlRunner } from '@mptf/platform';
import type { Recipients } from '../notify.types';
import type { PreferenceRow } from './preference.repository';

/** A user who receives a notification, as the mail needs them. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** A recipient with their mail preferences (null: they never changed any, the defaults apply). */
export interface RecipientWithPreferences extends Recipient {
  preferences: PreferenceRow | null;
}

/** Who a notification goes to, read through identity's views (identity_users_v, identity_organizations_v). */
@Injectable()
export class RecipientRepository {
  /** The recipients and their preferences in one statement (two round trips were on every notification). */
  resolve(db: SqlRunner, recipients: Recipients): Promise<RecipientWithPreferences[]> {
    return sqlRows<RecipientWithPreferences>(
      db,
      `SELECT u.id, u.email, u.name,
              CASE WHEN np.user_id IS NOT NULL THEN
                json_build_object('userId', np.user_id, 'mailOff', np.mail_off, 'deliveries', np.deliveries)
              END AS preferences
         FROM identity_users_v u
         LEFT JOIN identity_organizations_v o ON o.id = u.organization_id
         LEFT JOIN notification_preferences np ON np.user_id = u.id
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
