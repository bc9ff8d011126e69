import { Module } from '@nestjs/common';
import { MailDeliveryService } from './mail/mail-delivery.service';
import { MailQueue } from './mail/mail-queue';
import { MailTransport } from './mail/mail-transport';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsService } from './notifications.service';
import { OutboxService } from './outbox.service';
import { NotificationRepository } from './repositories/notification.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { PreferenceRepository } from './repositories/preference.repository';
import { RecipientRepository } from './repositories/recipient.repository';

/**
 * Notifications and their mail. Imported by every module whose services notify (one instance:
 * Nest shares a module), by the API (routes) and by the worker (the mail jobs).
 */
@Module({
  providers: [
    RecipientRepository,
    PreferenceRepository,
    NotificationRepository,
    OutboxRepository,
    MailQueue,
    MailTransport,
    NotificationsService,
    NotificationPreferencesService,
    OutboxService,
    MailDeliveryService,
  ],
  exports: [NotificationsService, NotificationPreferencesService, OutboxService, MailDeliveryService],
})
export class NotificationsModule {}
