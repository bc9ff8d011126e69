import { ProposalAction } from '@mptf/proposals';
import { createTestContext, TestContext } from '../support/test-context';
import { api, applyStatus as applyStatusOf, createProposal } from './intake-helpers';
import { ADMIN, eligibleProposal, FMU, IOM, UNDP, UNICEF } from './proposal-fixtures';

/** Lists out of order (codes unsorted, PUNOs not by code) with padded names. */
const UNSORTED_LISTS = {
  countryCodes: ['NPL', 'MYS', 'BGD'],
  gcmObjectiveCodes: [6, 5],
  participatingOrgCodes: ['UNICEF', 'IOM'],
  budgetLines: [
    { orgCode: 'IOM', categoryCode: 5, amount: '45000.50' },
    { orgCode: 'UNICEF', categoryCode: 6, amount: '80000.25' },
    { orgCode: 'IOM', categoryCode: 1, amount: '300000.00' },
  ],
  nationalPartners: [
    { name: '  Ministry of Labour  ', type: 'GOVERNMENT' },
    { name: 'A workers’ association', type: 'CIVIL_SOCIETY' },
  ],
};

describe('proposal intake over time: references, settings, revisions, audit, reads', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const applyStatus = (proposalId: string, action: ProposalAction, columns?: Record<string, unknown>) =>
    applyStatusOf(t, proposalId, action, columns);
  const create = (email?: string, body?: ReturnType<typeof eligibleProposal>) =>
    createProposal(t, email, body);

  it('gives unique, sequential references under concurrent creation', async () => {
    const iom = await t.as(IOM);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        t.http
          .post(api('/proposals'))
          .set(iom)
          .send(eligibleProposal({ title: `Concurrent proposal ${index}` })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const references = responses.map((r) => r.body.reference as string);
    expect(new Set(references).size).toBe(12);
    // Ids are UUIDv7: ordered by creation time, so their index entries land on the newest pages.
    const ids = responses.map((r) => r.body.id as string);
    expect(
      ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    ).toBe(true);
    const later = await create();
    expect(ids.every((id) => id < later.id)).toBe(true);
    const numbers = references.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
    expect(numbers[11] - numbers[0]).toBe(11);
    const year = new Date().getUTCFullYear();
    expect(references.every((r) => r.startsWith(`MIG-${year}-`))).toBe(true);
  });

  it('applies a changed fund setting to the next eligibility check without a deploy', async () => {
    const draft = await create();
    const admin = await t.as(ADMIN);
    const iom = await t.as(IOM);
    const stricter = await t.http
      .patch(api('/settings/fund'))
      .set(admin)
      .send({ minParticipatingOrganizations: 3, budgetCeiling: '500000.00' });
    expect(stricter.status).toBe(200);
    try {
      const refused = await t.http.post(api(`/proposals/${draft.id}/submit`)).set(iom);
      expect(refused.status).toBe(422);
      expect(refused.body.details.map((d: { rule: string }) => d.rule)).toEqual([
        'MIN_PUNOS',
        'BUDGET_CEILING',
      ]);
      expect(refused.body.details[1].message).toContain('US$ 500,000.00');

      // The indirect rate is a setting too: drafts follow it until they are submitted.
      await t.http.patch(api('/settings/fund')).set(admin).send({ indirectRate: '0.08' });
      const draftView = await t.http.get(api(`/proposals/${draft.id}`)).set(iom);
      expect(draftView.body.budget.byOrganization[0]).toMatchObject({
        direct: '345000.50',
        indirect: '27600.04',
      });
    } finally {
      await t.http
        .patch(api('/settings/fund'))
        .set(admin)
        .send({ minParticipatingOrganizations: 2, budgetCeiling: '5000000.00', indirectRate: '0.07' });
    }
    const accepted = await t.http.post(api(`/proposals/${draft.id}/submit`)).set(iom);
    expect(accepted.status).toBe(200);
    expect(accepted.body.indirectRate).toBe('0.07');
  });

  it('freezes the budget of a submitted proposal at the rate in force when it was submitted', async () => {
    const proposal = await create();
    const iom = await t.as(IOM);
    await t.http
      .post(api(`/proposals/${proposal.id}/submit`))
      .set(iom)
      .expect(200);
    const admin = await t.as(ADMIN);
    await t.http.patch(api('/settings/fund')).set(admin).send({ indirectRate: '0.05' }).expect(200);
    try {
      const view = await t.http.get(api(`/proposals/${proposal.id}`)).set(iom);
      expect(view.body.budget.total).toBe('583150.81');
    } finally {
      await t.http.patch(api('/settings/fund')).set(admin).send({ indirectRate: '0.07' }).expect(200);
    }
  });

  describe('revisions, withdrawal and the timeline', () => {
    it('keeps each submission as an immutable revision and lists field-by-field differences', async () => {
      const proposal = await create();
      const iom = await t.as(IOM);
      await t.http
        .post(api(`/proposals/${proposal.id}/submit`))
        .set(iom)
        .expect(200);
      await applyStatus(proposal.id, ProposalAction.SCREEN_RETURN);

      const budgetLines = eligibleProposal().budgetLines.map((line) =>
        line.orgCode === 'IOM' && line.categoryCode === 1 ? { ...line, amount: '280000.00' } : line,
      );
      const revised = await t.http
        .patch(api(`/proposals/${proposal.id}`))
        .set(iom)
        .send({
          title: 'Fair recruitment corridors between Nepal and Malaysia',
          stage: 'FULL_PROPOSAL',
          budgetLines,
        });
      expect(revised.status).toBe(200);
      expect(revised.body.status).toBe('RETURNED');
      const resubmitted = await t.http.post(api(`/proposals/${proposal.id}/submit`)).set(iom);
      expect(resubmitted.body).toMatchObject({ status: 'SUBMITTED', version: 2 });
      expect(resubmitted.body.revisions.map((r: { version: number }) => r.version)).toEqual([1, 2]);
      // The response is built from what the submission held: it must equal a fresh read.
      expect(resubmitted.body).toEqual((await t.http.get(api(`/proposals/${proposal.id}`)).set(iom)).body);

      const first = await t.http.get(api(`/proposals/${proposal.id}/revisions/1`)).set(iom);
      expect(first.body.title).toBe('Safe and regular labour mobility corridors between Nepal and Malaysia');
      expect(first.body.stage).toBe('CONCEPT_NOTE');

      const diff = await t.http.get(api(`/proposals/${proposal.id}/revisions/1/diff/2`)).set(iom);
      expect(diff.status).toBe(200);
      expect(diff.body).toMatchObject({ proposalId: proposal.id, from: 1, to: 2 });
      expect(diff.body.changes).toEqual(
        expect.arrayContaining([
          {
            field: 'title',
            from: 'Safe and regular labour mobility corridors between Nepal and Malaysia',
            to: 'Fair recruitment corridors between Nepal and Malaysia',
          },
          { field: 'stage', from: 'CONCEPT_NOTE', to: 'FULL_PROPOSAL' },
          { field: 'budgetLines[IOM/1].amount', from: '300000.00', to: '280000.00' },
          { field: 'budget.total', from: '583150.81', to: '561750.81' },
        ]),
      );
      expect(diff.body.changes.map((c: { field: string }) => c.field)).not.toContain('summary');
      expect((await t.http.get(api(`/proposals/${proposal.id}/revisions/1/diff/3`)).set(iom)).status).toBe(
        404,
      );

      const timeline = await t.http.get(api(`/proposals/${proposal.id}/timeline`)).set(await t.as(FMU));
      expect(timeline.status).toBe(200);
      expect(
        timeline.body.map((e: { fromStatus: string | null; toStatus: string }) => [e.fromStatus, e.toStatus]),
      ).toEqual([
        [null, 'DRAFT'],
        ['DRAFT', 'SUBMITTED'],
        ['SUBMITTED', 'RETURNED'],
        ['RETURNED', 'SUBMITTED'],
      ]);
      expect(timeline.body[1].actor).toMatchObject({ email: IOM });
      expect(timeline.body[2].actor).toMatchObject({ email: FMU });
    });

    it('lets only the convener withdraw, and only before a decision', async () => {
      const proposal = await create();
      const iom = await t.as(IOM);
      await t.http
        .post(api(`/proposals/${proposal.id}/submit`))
        .set(iom)
        .expect(200);
      expect(
        (await t.http.post(api(`/proposals/${proposal.id}/withdraw`)).set(await t.as(UNICEF))).status,
      ).toBe(403);
      expect(
        (await t.http.post(api(`/proposals/${proposal.id}/withdraw`)).set(await t.as(UNDP))).status,
      ).toBe(403);
      expect((await t.http.post(api(`/proposals/${proposal.id}/withdraw`)).set(await t.as(FMU))).status).toBe(
        403,
      );
      await applyStatus(proposal.id, ProposalAction.SCREEN_PASS, { review_due_date: '2026-12-01' });

      const withdrawn = await t.http
        .post(api(`/proposals/${proposal.id}/withdraw`))
        .set(iom)
        .send({ comment: 'Merged into the regional Colombo Process programme' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('WITHDRAWN');
      const again = await t.http.post(api(`/proposals/${proposal.id}/withdraw`)).set(iom);
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('WITHDRAWN');
      // A withdrawn submission stays visible to the fund.
      expect((await t.http.get(api(`/proposals/${proposal.id}`)).set(await t.as(FMU))).status).toBe(200);

      const decided = await create();
      await t.http
        .post(api(`/proposals/${decided.id}/submit`))
        .set(iom)
        .expect(200);
      await applyStatus(decided.id, ProposalAction.SCREEN_PASS);
      await applyStatus(decided.id, ProposalAction.DECIDE_APPROVE);
      const late = await t.http.post(api(`/proposals/${decided.id}/withdraw`)).set(iom);
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('APPROVED');
    });

    it('keeps a draft withdrawn before submission private to its agencies', async () => {
      const proposal = await create();
      await t.http
        .post(api(`/proposals/${proposal.id}/withdraw`))
        .set(await t.as(IOM))
        .expect(200);
      expect((await t.http.get(api(`/proposals/${proposal.id}`)).set(await t.as(FMU))).status).toBe(403);
      expect((await t.http.get(api(`/proposals/${proposal.id}`)).set(await t.as(UNICEF))).status).toBe(200);
    });
  });

  it('audits every change with who, before and after', async () => {
    const proposal = await create();
    const iom = await t.as(IOM);
    await t.http
      .patch(api(`/proposals/${proposal.id}`))
      .set(iom)
      .send({ durationMonths: 30 })
      .expect(200);
    await t.http
      .post(api(`/proposals/${proposal.id}/submit`))
      .set(iom)
      .expect(200);
    await t.http
      .post(api(`/proposals/${proposal.id}/withdraw`))
      .set(iom)
      .send({ comment: 'Funding found elsewhere' })
      .expect(200);
    const audit = await t.http
      .get(api(`/audit?entityType=proposal&entityId=${proposal.id}`))
      .set(await t.as(FMU));
    expect(audit.status).toBe(200);
    const events = [...audit.body.items].reverse() as {
      action: string;
      actorEmail: string;
      before: unknown;
      after: unknown;
    }[];
    expect(events.map((e) => e.action)).toEqual([
      'proposal.create',
      'proposal.update',
      'proposal.submit',
      'proposal.withdraw',
    ]);
    expect(events.every((e) => e.actorEmail === IOM)).toBe(true);
    expect(events[0].after).toMatchObject({ reference: proposal.reference, status: 'DRAFT' });
    expect(events[1]).toMatchObject({ before: { durationMonths: 24 }, after: { durationMonths: 30 } });
    expect(events[2]).toMatchObject({
      before: { status: 'DRAFT' },
      after: { status: 'SUBMITTED', version: 1 },
    });
    expect(events[3]).toMatchObject({ after: { status: 'WITHDRAWN', comment: 'Funding found elsewhere' } });
  });

  it('answers create and submit with exactly what a later read returns (and audits the same view)', async () => {
    // Unsorted codes, a budget line of an organization that is no PUNO, padded names:
    // the responses are built without reloading, so they must match the stored order and values.
    const iom = await t.as(IOM);
    const body = eligibleProposal({
      ...UNSORTED_LISTS,
      budgetLines: [
        { orgCode: 'WFP', categoryCode: 3, amount: '10.00' },
        { orgCode: 'UNDP', categoryCode: 1, amount: '20.00' },
        ...UNSORTED_LISTS.budgetLines,
      ],
    });
    const created = await t.http.post(api('/proposals')).set(iom).send(body);
    expect(created.status).toBe(201);
    const read = await t.http.get(api(`/proposals/${created.body.id}`)).set(iom);
    expect(created.body).toEqual(read.body);
    expect(read.body).toMatchObject({
      countryCodes: ['BGD', 'MYS', 'NPL'],
      gcmObjectiveCodes: [5, 6],
      participatingOrgCodes: ['UNICEF', 'IOM'],
    });
    const [event] = (await t.db.query(
      `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'proposal.create'`,
      [created.body.id],
    )) as { after: Record<string, unknown> }[];
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { revisions, documents, ...view } = read.body as Record<string, unknown>;
    expect(event.after).toEqual(view);

    // WFP and UNDP lines are no PUNOs' lines, so this one is refused; a valid one submits.
    const refused = await t.http.post(api(`/proposals/${created.body.id}/submit`)).set(iom);
    expect(refused.status).toBe(422);
    const valid = await create(IOM, eligibleProposal());
    const submitted = await t.http.post(api(`/proposals/${valid.id}/submit`)).set(iom);
    expect(submitted.status).toBe(200);
    const after = await t.http.get(api(`/proposals/${valid.id}`)).set(iom);
    expect(submitted.body).toEqual(after.body);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', version: 1, revisions: [{ version: 1 }] });
  });

  it('writes the child lists one way on create and update; an update replaces only the lists it names', async () => {
    const iom = await t.as(IOM);
    // Unsorted codes, PUNOs out of code order, padded names: stored and shown the same way either way.
    const lists = { scope: 'REGIONAL', ...UNSORTED_LISTS };
    const parts = (view: Record<string, unknown>) => {
      const {
        countryCodes,
        gcmObjectiveCodes,
        participatingOrgCodes,
        budgetLines,
        nationalPartners,
        budget,
      } = view;
      return {
        countryCodes,
        gcmObjectiveCodes,
        participatingOrgCodes,
        budgetLines,
        nationalPartners,
        budget,
      };
    };
    const created = await create(IOM, eligibleProposal(lists));
    const edited = await create(IOM, eligibleProposal({ scope: 'REGIONAL' }));
    const patched = await t.http
      .patch(api(`/proposals/${edited.id}`))
      .set(iom)
      .send(lists);
    expect(patched.status).toBe(200);
    expect(parts(patched.body)).toEqual(parts(created));
    expect(parts(created)).toMatchObject({
      countryCodes: ['BGD', 'MYS', 'NPL'],
      participatingOrgCodes: ['UNICEF', 'IOM'],
      nationalPartners: [{ name: 'Ministry of Labour' }, { name: 'A workers’ association' }],
    });

    const narrowed = await t.http
      .patch(api(`/proposals/${edited.id}`))
      .set(iom)
      .send({ gcmObjectiveCodes: [5] });
    expect(narrowed.status).toBe(200);
    expect(parts(narrowed.body)).toEqual({ ...parts(patched.body), gcmObjectiveCodes: [5] });
    const read = await t.http.get(api(`/proposals/${edited.id}`)).set(iom);
    expect(read.body).toEqual(narrowed.body);
  });

  it('lists with pagination and a stable order (newest first)', async () => {
    const iom = await t.as(IOM);
    const all = await t.http.get(api('/proposals?pageSize=200')).set(iom);
    expect(all.body.total).toBeGreaterThan(10);
    const pages: string[] = [];
    for (let page = 1; page <= Math.ceil(all.body.total / 7); page++) {
      const response = await t.http.get(api(`/proposals?pageSize=7&page=${page}`)).set(iom);
      expect(response.body).toMatchObject({ page, pageSize: 7, total: all.body.total });
      pages.push(...response.body.items.map((p: { id: string }) => p.id));
    }
    expect(pages).toEqual(all.body.items.map((p: { id: string }) => p.id));
    const created = all.body.items.map((p: { createdAt: string }) => p.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });
});
