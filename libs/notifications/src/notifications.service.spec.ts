import { MailDelivery, NotificationKind } from './notification-kinds';
import { deliveryOf } from './notifications.service';
import { notificationOrder } from './repositories/notification.repository';

describe('notification rules', () => {
  it('mails a kind as the user chose, immediately by default, and nothing when all mail is off', () => {
    const kind = NotificationKind.DECISION_RECORDED;
    expect(deliveryOf(undefined, kind)).toBe(MailDelivery.IMMEDIATE);
    const chose = { userId: 'u', mailOff: false, deliveries: { [kind]: MailDelivery.DIGEST } };
    expect(deliveryOf(chose, kind)).toBe(MailDelivery.DIGEST);
    expect(deliveryOf(chose, NotificationKind.PROPOSAL_SUBMITTED)).toBe(MailDelivery.IMMEDIATE);
    expect(deliveryOf({ ...chose, mailOff: true }, kind)).toBe(MailDelivery.OFF);
  });

  it('lists newest first unless sorted otherwise, and names an unknown sort field', () => {
    expect(notificationOrder(undefined)).toBe('n.created_at DESC, n.id DESC');
    expect(notificationOrder('read,-createdAt')).toBe(
      '(n.read_at IS NOT NULL) ASC, n.created_at DESC, n.created_at DESC, n.id DESC',
    );
    expect(() => notificationOrder('kind,colour')).toThrow(/sort cannot sort by colour/);
  });
});
