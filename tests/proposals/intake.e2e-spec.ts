import { AuditActor } from '@mptf/audit';
import { ProposalAction, ProposalStatusService } from '@mptf/proposals';
import { createTestContext, TestContext } from '../support/test-context';
import { ADMIN, DONOR, eligibleProposal, FMU, IOM, SC_UNDP, UNDP, UNICEF } from './proposal-fixtures';

describe('proposal intake', () => {
  let t: TestContext;
  const api = (path: string) => `/api/v1${path}`;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  async function actor(email: string): Promise<AuditActor> {
    const me = await t.http.get(api('/me')).set(await t.as(email));
    return { id: me.body.id as string, email };
  }

  /** Screening and decisions belong to later issues; here they are applied through the one status path. */
  async function applyStatus(proposalId: string, action: ProposalAction, columns?: Record<string, unknown>) {
    const fmu = await actor(FMU);
    await t.db.transaction((manager) =>
      t.app
        .get(ProposalStatusService)
        .apply(manager, { proposalId, action, actor: fmu, comment: 'test', columns }),
    );
  }

  async function create(email = IOM, body = eligibleProposal()) {
    const response = await t.http
      .post(api('/proposals'))
      .set(await t.as(email))
      .send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string; [key: string]: unknown };
  }

  describe('the "done when" scenario', () => {
    let proposalId: string;

    it('lets an IOM focal point create a proposal with UNICEF and shows computed indirect costs and totals', async () => {
      const response = await t.http
        .post(api('/proposals'))
        .set(await t.as(IOM))
        .send(
          eligibleProposal({
            participatingOrgCodes: ['IOM'],
            markers: { gender: 1, humanRights: 2, childSensitivity: 2 },
            gcmObjectiveCodes: [9],
            durationMonths: 48,
            governmentEndorsement: null,
            budgetLines: [
              { orgCode: 'IOM', categoryCode: 1, amount: '4800000.00' },
              { orgCode: 'IOM', categoryCode: 8, amount: '336000.00' },
              { orgCode: 'UNICEF', categoryCode: 2, amount: '200000.00' },
            ],
          }),
        );
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        reference: expect.stringMatching(/^MIG-\d{4}-\d{4}$/),
        status: 'DRAFT',
        version: 0,
        convenerCode: 'IOM',
        participatingOrgCodes: ['IOM'],
        revisions: [],
        budget: {
          byOrganization: [
            // The hand-entered category 8 line is not counted; indirect is computed at 7%.
            { orgCode: 'IOM', direct: '4800000.00', indirect: '336000.00', total: '5136000.00' },
            { orgCode: 'UNICEF', direct: '200000.00', indirect: '14000.00', total: '214000.00' },
          ],
          direct: '5000000.00',
          indirect: '350000.00',
          total: '5350000.00',
        },
      });
      proposalId = response.body.id;
    });

    it('refuses to submit the ineligible proposal with 422 listing every violation', async () => {
      const response = await t.http.post(api(`/proposals/${proposalId}/submit`)).set(await t.as(IOM));
      expect(response.status).toBe(422);
      const rules = (response.body.details as { rule: string; message: string }[]).map((d) => d.rule);
      expect(rules).toEqual([
        'MIN_PUNOS',
        'OBJECTIVE_IN_AREA',
        'MARKER_MINIMUM',
        'BUDGET_CATEGORY',
        'BUDGET_ORGANIZATION',
        'BUDGET_CEILING',
        'DURATION',
        'GOVERNMENT_ENDORSEMENT',
      ]);
      for (const detail of response.body.details) expect(detail.message.length).toBeGreaterThan(10);
      expect(response.body.details.find((d: { rule: string }) => d.rule === 'MARKER_MINIMUM')).toMatchObject({
        field: 'markers.gender',
        message: 'The gender marker is 1; the fund minimum is 2',
      });
      const after = await t.http.get(api(`/proposals/${proposalId}`)).set(await t.as(IOM));
      expect(after.body).toMatchObject({ status: 'DRAFT', version: 0, revisions: [] });
    });

    it('lets the focal point fix it and submit it, storing revision 1', async () => {
      const fixed = await t.http
        .patch(api(`/proposals/${proposalId}`))
        .set(await t.as(IOM))
        .send({
          participatingOrgCodes: ['IOM', 'UNICEF'],
          markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
          gcmObjectiveCodes: [5, 6],
          durationMonths: 24,
          governmentEndorsement: { endorsed: true, date: '2026-01-20' },
          budgetLines: eligibleProposal().budgetLines,
        });
      expect(fixed.status).toBe(200);
      expect(fixed.body.budget).toEqual({
        byOrganization: [
          { orgCode: 'IOM', direct: '345000.50', indirect: '24150.04', total: '369150.54' },
          { orgCode: 'UNICEF', direct: '200000.25', indirect: '14000.02', total: '214000.27' },
        ],
        direct: '545000.75',
        indirect: '38150.06',
        total: '583150.81',
      });
      const eligibility = await t.http
        .get(api(`/proposals/${proposalId}/eligibility`))
        .set(await t.as(UNICEF));
      expect(eligibility.body).toEqual({ eligible: true, violations: [] });

      const submitted = await t.http.post(api(`/proposals/${proposalId}/submit`)).set(await t.as(IOM));
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        status: 'SUBMITTED',
        version: 1,
        submittedAt: expect.any(String),
        revisions: [{ version: 1, submittedAt: expect.any(String) }],
      });

      const revision = await t.http.get(api(`/proposals/${proposalId}/revisions/1`)).set(await t.as(FMU));
      expect(revision.status).toBe(200);
      expect(revision.body).toMatchObject({
        proposalId,
        version: 1,
        submittedAt: expect.any(String),
        title: 'Safe and regular labour mobility corridors between Nepal and Malaysia',
        participatingOrgCodes: ['IOM', 'UNICEF'],
        budget: { total: '583150.81' },
        snapshot: { title: 'Safe and regular labour mobility corridors between Nepal and Malaysia' },
      });
    });

    it("keeps UNDP's focal point from seeing a draft or editing the submitted proposal", async () => {
      const draft = await create();
      const undp = await t.as(UNDP);
      expect((await t.http.get(api(`/proposals/${draft.id}`)).set(undp)).status).toBe(403);
      const list = await t.http.get(api('/proposals?pageSize=200')).set(undp);
      expect(list.status).toBe(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(draft.id);
      expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(proposalId);

      const edit = await t.http
        .patch(api(`/proposals/${proposalId}`))
        .set(undp)
        .send({ title: 'Taken over' });
      expect(edit.status).toBe(403);
      expect((await t.http.post(api(`/proposals/${proposalId}/submit`)).set(undp)).status).toBe(403);
      // Nor do the fund offices see someone's draft.
      expect((await t.http.get(api(`/proposals/${draft.id}`)).set(await t.as(FMU))).status).toBe(403);
    });

    it('refuses edits of the submitted proposal by its own agency with 409 naming the state', async () => {
      const response = await t.http
        .patch(api(`/proposals/${proposalId}`))
        .set(await t.as(IOM))
        .send({ title: 'Late change' });
      expect(response.status).toBe(409);
      expect(response.body.message).toContain('SUBMITTED');
      expect((await t.http.post(api(`/proposals/${proposalId}/submit`)).set(await t.as(IOM))).status).toBe(
        409,
      );
    });

    it('finds it by objective, country and text', async () => {
      const fmu = await t.as(FMU);
      const ids = async (query: string) => {
        const response = await t.http.get(api(`/proposals?${query}`)).set(fmu);
        expect(response.status).toBe(200);
        return response.body.items.map((p: { id: string }) => p.id) as string[];
      };
      expect(await ids('gcmObjective=6')).toContain(proposalId);
      expect(await ids('gcmObjective=9')).not.toContain(proposalId);
      expect(await ids('country=NPL')).toContain(proposalId);
      expect(await ids('country=mys')).not.toContain(proposalId);
      expect(await ids(`q=${encodeURIComponent('ethical recruitment Malaysia')}`)).toContain(proposalId);
      expect(await ids(`q=${encodeURIComponent('"labour mobility corridors"')}`)).toContain(proposalId);
      expect(await ids('q=desertification')).not.toContain(proposalId);
      expect(await ids('thematicArea=4&organization=UNICEF&status=SUBMITTED')).toEqual([proposalId]);
      expect(await ids('status=DRAFT')).toEqual([]);
      expect(await ids('region=Asia&stage=CONCEPT_NOTE')).toContain(proposalId);
    });
  });

  describe('who may do what', () => {
    it('gives donors no access to proposals (403)', async () => {
      const donor = await t.as(DONOR);
      expect((await t.http.get(api('/proposals')).set(donor)).status).toBe(403);
      expect((await t.http.post(api('/proposals')).set(donor).send(eligibleProposal())).status).toBe(403);
    });

    it('lets only focal points of a PUNO create, and only with their organization among the PUNOs', async () => {
      expect(
        (
          await t.http
            .post(api('/proposals'))
            .set(await t.as(FMU))
            .send(eligibleProposal())
        ).status,
      ).toBe(403);
      const foreign = await t.http
        .post(api('/proposals'))
        .set(await t.as(UNDP))
        .send(eligibleProposal());
      expect(foreign.status).toBe(403);
      expect(foreign.body.message).toContain('UNDP');
    });

    it('lets a PUNO that is not the convener edit and submit, and the SC see submitted ones', async () => {
      const draft = await create();
      const unicef = await t.as(UNICEF);
      const edited = await t.http
        .patch(api(`/proposals/${draft.id}`))
        .set(unicef)
        .send({ summary: 'Edited by UNICEF' });
      expect(edited.status).toBe(200);
      expect(edited.body.summary).toBe('Edited by UNICEF');
      const sc = await t.as(SC_UNDP);
      expect((await t.http.get(api(`/proposals/${draft.id}`)).set(sc)).status).toBe(403);
      expect((await t.http.post(api(`/proposals/${draft.id}/submit`)).set(unicef)).status).toBe(200);
      expect((await t.http.get(api(`/proposals/${draft.id}`)).set(sc)).status).toBe(200);
    });

    it('refuses to let an editor drop their own organization', async () => {
      const draft = await create();
      const response = await t.http
        .patch(api(`/proposals/${draft.id}`))
        .set(await t.as(UNICEF))
        .send({ participatingOrgCodes: ['IOM', 'ILO'] });
      expect(response.status).toBe(403);
    });
  });

  describe('bad input', () => {
    it('answers 400 naming each malformed or unknown field', async () => {
      const response = await t.http
        .post(api('/proposals'))
        .set(await t.as(IOM))
        .send({
          ...eligibleProposal(),
          title: '',
          scope: 'PLANETARY',
          countryCodes: ['Nepal'],
          markers: { gender: 4, humanRights: 2 },
          budgetLines: [{ orgCode: 'IOM', categoryCode: 9, amount: '12.345' }],
          governmentEndorsement: { endorsed: true, date: '2026-02-30' },
          colour: 'blue',
        });
      expect(response.status).toBe(400);
      const fields = (response.body.details as { field: string }[]).map((d) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'title',
          'scope',
          'countryCodes',
          'markers.gender',
          'markers.childSensitivity',
          'budgetLines.0.categoryCode',
          'budgetLines.0.amount',
          'governmentEndorsement.date',
          'colour',
        ]),
      );
    });

    it('answers 400 for codes that are not in the reference data', async () => {
      const response = await t.http
        .post(api('/proposals'))
        .set(await t.as(IOM))
        .send(
          eligibleProposal({
            countryCodes: ['XYZ'],
            gcmObjectiveCodes: [24],
            thematicAreaCode: 9,
            participatingOrgCodes: ['IOM', 'NOPE'],
            budgetLines: [
              { orgCode: 'IOM', categoryCode: 1, amount: '10.00' },
              { orgCode: 'IOM', categoryCode: 1, amount: '20.00' },
            ],
          }),
        );
      expect(response.status).toBe(400);
      expect((response.body.details as { field: string }[]).map((d) => d.field)).toEqual([
        'thematicAreaCode',
        'gcmObjectiveCodes',
        'countryCodes',
        'participatingOrgCodes',
        'budgetLines.1',
      ]);
    });

    it('answers 400 for a malformed id, 404 for an unknown proposal or revision', async () => {
      const iom = await t.as(IOM);
      expect((await t.http.get(api('/proposals/not-a-uuid')).set(iom)).status).toBe(400);
      expect((await t.http.get(api('/proposals/00000000-0000-4000-8000-000000000000')).set(iom)).status).toBe(
        404,
      );
      const draft = await create();
      expect((await t.http.get(api(`/proposals/${draft.id}/revisions/1`)).set(iom)).status).toBe(404);
      expect((await t.http.get(api(`/proposals/${draft.id}/revisions/one`)).set(iom)).status).toBe(400);
      expect((await t.http.get(api('/proposals?status=LOST&pageSize=500')).set(iom)).status).toBe(400);
    });
  });

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
      expect(refused.body.details[1].message).toContain('500000.00');

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
      countryCodes: ['NPL', 'MYS', 'BGD'],
      gcmObjectiveCodes: [6, 5],
      participatingOrgCodes: ['UNICEF', 'IOM'],
      budgetLines: [
        { orgCode: 'WFP', categoryCode: 3, amount: '10.00' },
        { orgCode: 'IOM', categoryCode: 5, amount: '45000.50' },
        { orgCode: 'UNDP', categoryCode: 1, amount: '20.00' },
        { orgCode: 'UNICEF', categoryCode: 6, amount: '80000.25' },
        { orgCode: 'IOM', categoryCode: 1, amount: '300000.00' },
      ],
      nationalPartners: [
        { name: '  Ministry of Labour  ', type: 'GOVERNMENT' },
        { name: 'A workers’ association', type: 'CIVIL_SOCIETY' },
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
