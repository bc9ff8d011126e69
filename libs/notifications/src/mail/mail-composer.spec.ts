import { NotificationKind } from '../notification-kinds';
import { composeDigest, composeImmediate } from './mail-composer';

const anna = { email: 'anna@example.org', name: 'Anna' };

describe('notification mail', () => {
  it('names the event, the item and links to it under the public address', () => {
    const mail = composeImmediate(
      anna,
      {
        kind: NotificationKind.PROPOSAL_SUBMITTED,
        reference: 'MIG-2026-0007',
        title: 'Safe routes',
        link: '/proposals/p1',
      },
      'https://mptf.example.org/',
    );
    expect(mail.subject).toBe('[Migration MPTF] Proposal submitted: MIG-2026-0007');
    expect(mail.body).toContain('Hello Anna,');
    expect(mail.body).toContain('MIG-2026-0007 — Safe routes');
    expect(mail.body).toContain('https://mptf.example.org/proposals/p1');
    expect(mail.body).toContain('https://mptf.example.org/notifications/preferences');
  });

  it('groups a digest by kind, in catalogue order, with a count per group', () => {
    const mail = composeDigest(
      anna,
      [
        { kind: NotificationKind.DECISION_RECORDED, reference: 'MIG-1', title: 'One', link: '/proposals/1' },
        { kind: NotificationKind.PROPOSAL_SUBMITTED, reference: 'MIG-2', title: 'Two', link: '/proposals/2' },
        { kind: NotificationKind.DECISION_RECORDED, reference: 'MIG-3', title: null, link: '/proposals/3' },
      ],
      'http://localhost:3000',
    );
    expect(mail.subject).toBe('[Migration MPTF] Daily digest: 3 notifications');
    const submitted = mail.body.indexOf('Proposal submitted (1)');
    const decided = mail.body.indexOf('Decision recorded (2)');
    expect(submitted).toBeGreaterThan(0);
    expect(decided).toBeGreaterThan(submitted);
    expect(mail.body.indexOf('MIG-3')).toBeGreaterThan(decided);
    expect(mail.body).toContain('http://localhost:3000/proposals/2');
  });
});
