import { createTestContext, TestContext } from '../support/test-context';
import { api, createProposal } from './intake-helpers';
import { DONOR, eligibleProposal, FMU, IOM, SC_UNDP, UNDP, UNICEF } from './proposal-fixtures';

describe('proposal intake', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const create = (email?: string, body?: ReturnType<typeof eligibleProposal>) =>
    createProposal(t, email, body);

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
      expect(eligibility.body).toEqual({ eligible: true, violations: [], requiredDocuments: [] });

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
});
