import { DEMO_USERS } from '@mptf/seeds';
import { eligibleProposal } from '../proposals/proposal-fixtures';
import { doneWhenMatrix } from '../results/results-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { reportFigure } from './support/figures';
import { AA, ADMIN, allocatedProgramme, FMU, IOM } from './support/fixtures';

/**
 * Audit completeness: a full scenario through the API (settings, users, reference mapping,
 * intake, contributions, fund entries, transfers, expenditure and refunds and their reversals,
 * closure, results matrix and actuals), then every state change is matched with its audit event:
 * each successful write request's correlation id, each status change, each ledger entry, each
 * user and each actual. A change and its event are written in one transaction, so they share the
 * transaction's timestamp, which is what ties a row to its event.
 */
describe('reliability: audit completeness', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('every state change of a full scenario has its audit event', async () => {
    const writes: { label: string; correlationId: string; status: number }[] = [];
    let sequence = 0;
    const write = async (method: 'post' | 'put' | 'patch', path: string, email: string, body?: unknown) => {
      sequence += 1;
      const correlationId = `audit-scenario-${process.pid}-${sequence}`;
      const call = t.http[method](`/api/v1${path}`)
        .set(await t.as(email))
        .set('X-Correlation-Id', correlationId);
      const response = body === undefined ? await call : await call.send(body as object);
      writes.push({ label: `${method.toUpperCase()} ${path}`, correlationId, status: response.status });
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as Record<string, unknown> & { id: string };
    };

    await write('patch', '/settings/fund', ADMIN, { reviewWindowDays: 30 });
    const user = await write('post', '/users', ADMIN, {
      email: 'audit.person@iom.int',
      name: 'Audit Person',
      password: 'a-long-password',
      roles: ['AGENCY_FOCAL_POINT'],
      organizationCode: 'IOM',
    });
    await write('post', `/users/${user.id}/deactivate`, ADMIN);
    await write('put', '/reference/thematic-areas/1/gcm-objectives', ADMIN, {
      gcmObjectiveCodes: [1, 3, 17, 23],
    });

    const kept = await write('post', '/proposals', IOM, eligibleProposal());
    await write('patch', `/proposals/${kept.id}`, IOM, { title: 'Fair recruitment corridors, revised' });
    await write('post', `/proposals/${kept.id}/submit`, IOM);
    const dropped = await write('post', '/proposals', IOM, eligibleProposal());
    await write('post', `/proposals/${dropped.id}/withdraw`, IOM, { comment: 'Merged into the other one' });

    await write('post', '/contributions', AA, {
      donorCode: 'SWE',
      kind: 'DEPOSIT',
      currency: 'USD',
      amount: '2020202.02',
      date: '2025-01-01',
    });
    const commitment = await write('post', '/contributions', AA, {
      donorCode: 'DEU',
      kind: 'COMMITMENT',
      currency: 'EUR',
      amount: '1000000.00',
      usdAmount: '1085000.00',
      date: '2025-01-01',
    });
    await write('post', `/contributions/${commitment.id}/reverse`, AA, { reason: 'Recorded twice' });
    await write('post', '/fund/entries', AA, { kind: 'INTEREST', amount: '125.50', date: '2025-06-30' });
    const charge = await write('post', '/fund/entries', AA, {
      kind: 'BANK_CHARGE',
      amount: '12.00',
      date: '2025-07-01',
    });
    await write('post', `/fund/entries/${charge.id}/reverse`, AA, { reason: 'Charged to another fund' });

    const programmeId = await allocatedProgramme(t, [
      { orgCode: 'IOM', amount: '1000000.00' },
      { orgCode: 'UNICEF', amount: '500000.00' },
    ]);
    // The matrix below runs 2025–2027: a three-year programme.
    await t.db.query('UPDATE proposals SET duration_months = 36 WHERE id = $1', [programmeId]);
    await write('post', `/programmes/${programmeId}/transfers`, AA, {
      orgCode: 'IOM',
      amount: '400000.00',
      date: '2025-01-01',
    });
    await write('post', `/programmes/${programmeId}/transfers`, AA, {
      orgCode: 'UNICEF',
      amount: '200000.00',
      date: '2025-01-02',
    });
    await write('post', `/programmes/${programmeId}/expenditures`, IOM, {
      orgCode: 'IOM',
      year: 2025,
      lines: [
        { categoryCode: 1, amount: '150000.00' },
        { categoryCode: 4, amount: '50000.00' },
      ],
    });
    await write('post', `/programmes/${programmeId}/refunds`, AA, {
      orgCode: 'IOM',
      amount: '1000.00',
      date: '2025-12-01',
    });
    // Corrections: a transfer, a refund and an expenditure report reversed.
    const extra = await write('post', `/programmes/${programmeId}/transfers`, AA, {
      orgCode: 'UNICEF',
      amount: '1000.00',
      date: '2025-01-03',
    });
    await write('post', `/programmes/${programmeId}/transfers/${extra.id}/reverse`, AA, {
      reason: 'Duplicate',
    });
    const wrongRefund = await write('post', `/programmes/${programmeId}/refunds`, AA, {
      orgCode: 'IOM',
      amount: '500.00',
      date: '2025-12-02',
    });
    await write('post', `/programmes/${programmeId}/refunds/${wrongRefund.id}/reverse`, AA, {
      reason: 'Bounced',
    });
    const wrongYear = await write('post', `/programmes/${programmeId}/expenditures`, IOM, {
      orgCode: 'IOM',
      year: 2026,
      lines: [{ categoryCode: 2, amount: '10.00' }],
    });
    await write('post', `/programmes/${programmeId}/expenditures/${wrongYear.id}/reverse`, IOM, {
      reason: 'Reported for the wrong year',
    });

    await write('put', `/proposals/${programmeId}/results-matrix`, FMU, doneWhenMatrix());
    const indicators = (await t.db.query('SELECT id, key FROM indicators WHERE proposal_id = $1', [
      programmeId,
    ])) as {
      id: string;
      key: string;
    }[];
    const op11 = indicators.find((i) => i.key === 'OP1.1')?.id as string;
    const op21 = indicators.find((i) => i.key === 'OP2.1')?.id as string;
    const approved = await write('post', `/indicators/${op11}/actuals`, IOM, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      value: 120,
      narrative: 'Services reached more migrants than planned',
    });
    await write('post', `/actuals/${approved.id}/submit`, IOM);
    await write('post', `/actuals/${approved.id}/approve`, FMU);
    const returned = await write('post', `/indicators/${op21}/actuals`, IOM, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      value: 40,
      narrative: 'Training under way',
    });
    await write('post', `/actuals/${returned.id}/submit`, IOM);
    await write('post', `/actuals/${returned.id}/return`, FMU, {
      comment: 'Please attach the attendance lists',
    });
    await write('post', `/programmes/${programmeId}/close`, AA, { kind: 'OPERATIONAL' });

    const missing: string[] = [];
    // 1. Every successful write request left at least one event under its correlation id.
    const events = (await t.db.query(
      'SELECT correlation_id, count(*)::int AS n FROM audit_events WHERE correlation_id = ANY($1) GROUP BY 1',
      [writes.map((w) => w.correlationId)],
    )) as { correlation_id: string; n: number }[];
    const audited = new Set(events.map((e) => e.correlation_id));
    for (const w of writes)
      if (!audited.has(w.correlationId)) missing.push(`request ${w.label} has no audit event`);

    // 2–5. Every changed row has an event of its own transaction on the same entity.
    const demoEmails = DEMO_USERS.map((d) => d.email);
    const rowChecks: [string, string, unknown[]][] = [
      [
        'status change',
        `SELECT c.id || ' ' || coalesce(c.from_status, '∅') || '→' || c.to_status AS label,
                EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'proposal'
                          AND e.entity_id = c.proposal_id::text AND e.occurred_at = c.occurred_at) AS audited
           FROM proposal_status_changes c`,
        [],
      ],
      [
        'ledger entry',
        `SELECT l.kind || ' ' || l.id AS label,
                EXISTS (SELECT 1 FROM audit_events e WHERE e.occurred_at = l.created_at
                          AND e.entity_id IN (l.id::text, l.related_entry_id::text, l.corrects_entry_id::text,
                                              l.proposal_id::text)) AS audited
           FROM ledger_entries l`,
        [],
      ],
      [
        'user',
        `SELECT u.email AS label,
                EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'user' AND e.entity_id = u.id::text
                          AND e.action = 'user.create') AS audited
           FROM users u WHERE u.email <> ALL($1)`,
        [demoEmails],
      ],
      [
        'actual',
        `SELECT a.status || ' ' || a.id AS label,
                EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = a.id::text AND e.occurred_at = a.updated_at) AS audited
           FROM indicator_actuals a`,
        [],
      ],
    ];
    let checked = 0;
    for (const [what, sql, params] of rowChecks) {
      const rows = (await t.db.query(sql, params)) as { label: string; audited: boolean }[];
      checked += rows.length;
      for (const row of rows.filter((r) => !r.audited))
        missing.push(`${what} ${row.label} has no audit event`);
    }

    reportFigure(
      'audit',
      `state changes without an audit event (${writes.length} requests, ${checked} changed rows)`,
      missing.length,
      '0',
      missing.length === 0,
    );
    expect(missing).toEqual([]);
  }, 120_000);
});
