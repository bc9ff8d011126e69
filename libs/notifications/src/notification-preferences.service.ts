import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@mptf/identity';
import { ErrorDetail, ValidationError } from '@mptf/platform';
import { DataSource } from 'typeorm';
import {
  ALL_KINDS,
  isNotificationKind,
  KIND_CATALOGUE,
  MailDelivery,
  NotificationKind,
} from './notification-kinds';
import { deliveryOf } from './notifications.service';
import { PreferenceRepository } from './repositories/preference.repository';

export interface KindPreference {
  kind: NotificationKind;
  label: string;
  delivery: MailDelivery;
}

export interface NotificationPreferences {
  /** No mail at all, whatever the kinds say (the bell still shows everything). */
  mailOff: boolean;
  /** Every kind, with the user's choice or the default. */
  kinds: KindPreference[];
}

export interface PreferencesInput {
  mailOff: boolean;
  /** The kinds to set; kinds left out go back to the default. */
  kinds: { kind: string; delivery: string }[];
}

const DELIVERIES = Object.values(MailDelivery) as string[];

/** Each user's own notification preferences (GET|PUT /me/notification-preferences). */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PreferenceRepository,
  ) {}

  async get(user: AuthUser): Promise<NotificationPreferences> {
    const row = (await this.repository.ofUser(this.dataSource, user.id)) ?? undefined;
    return {
      mailOff: row?.mailOff ?? false,
      kinds: ALL_KINDS.map((kind) => ({
        kind,
        label: KIND_CATALOGUE[kind].label,
        // The choice per kind, shown even while all mail is off (turning it back on restores them).
        delivery: deliveryOf(row && { ...row, mailOff: false }, kind),
      })),
    };
  }

  /** Replaces the caller's preferences; unknown kinds or deliveries are a 400 naming each. */
  async put(user: AuthUser, input: PreferencesInput): Promise<NotificationPreferences> {
    const problems: ErrorDetail[] = [];
    const deliveries: Record<string, MailDelivery> = {};
    input.kinds.forEach((entry, index) => {
      if (!isNotificationKind(entry.kind))
        problems.push({
          field: `kinds[${index}].kind`,
          message: `${entry.kind} is not a kind of notification`,
        });
      else if (entry.kind in deliveries)
        problems.push({ field: `kinds[${index}].kind`, message: `${entry.kind} is listed twice` });
      if (!DELIVERIES.includes(entry.delivery))
        problems.push({
          field: `kinds[${index}].delivery`,
          message: `must be one of ${DELIVERIES.join(', ')}`,
        });
      if (!problems.length) deliveries[entry.kind] = entry.delivery as MailDelivery;
    });
    if (problems.length)
      throw new ValidationError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    await this.repository.save(this.dataSource, { userId: user.id, mailOff: input.mailOff, deliveries });
    return this.get(user);
  }
}
