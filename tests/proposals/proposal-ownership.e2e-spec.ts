import { createTestContext, TestContext } from '../support/test-context';
import { eligibleProposal, IOM, UNDP, UNICEF } from './proposal-fixtures';

const api = (path: string) => `/api/v1${path}`;

/**
 * Who changes who takes part (issue 15, item 5): only the convener's focal points change the
 * convener or remove a PUNO; no edit, and no creation, leaves the editor's own organization out.
 */
describe('proposal ownership: convener and PUNOs', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  /** IOM convenes, with UNICEF and UNDP as PUNOs. */
  async function draftOfIom(): Promise<string> {
    const response = await t.http
      .post(api('/proposals'))
      .set(await t.as(IOM))
      .send(
        eligibleProposal({
          participatingOrgCodes: ['IOM', 'UNICEF', 'UNDP'],
          budgetLines: [
            ...eligibleProposal().budgetLines,
            { orgCode: 'UNDP', categoryCode: 1, amount: '100000.00' },
          ],
        }),
      );
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  const stored = async (id: string) =>
    (
      (await t.db.query(
        `SELECT c.code AS convener,
                array(SELECT o.code FROM proposal_organizations po JOIN organizations o ON o.id = po.organization_id
                       WHERE po.proposal_id = p.id ORDER BY po.position) AS punos
           FROM proposals p JOIN organizations c ON c.id = p.convener_org_id WHERE p.id = $1`,
        [id],
      )) as { convener: string; punos: string[] }[]
    )[0];

  it("refuses a PUNO's takeover of the convener's draft (403 naming the field and rule), changing nothing", async () => {
    const id = await draftOfIom();
    const takeover = await t.http
      .patch(api(`/proposals/${id}`))
      .set(await t.as(UNDP))
      .send({ convenerCode: 'UNDP', participatingOrgCodes: ['UNDP', 'UNICEF'] });
    expect(takeover.status).toBe(403);
    expect(takeover.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'convenerCode', rule: 'CONVENER_ONLY' }),
        expect.objectContaining({ field: 'participatingOrgCodes', rule: 'CONVENER_ONLY' }),
      ]),
    );
    expect(takeover.body.message).toContain('IOM');
    expect(await stored(id)).toEqual({ convener: 'IOM', punos: ['IOM', 'UNICEF', 'UNDP'] });
    // IOM keeps its proposal: it still reads, edits and withdraws it.
    expect((await t.http.get(api(`/proposals/${id}`)).set(await t.as(IOM))).status).toBe(200);
  });

  it('refuses each part alone too: a PUNO neither changes the convener nor removes another PUNO', async () => {
    const id = await draftOfIom();
    const convener = await t.http
      .patch(api(`/proposals/${id}`))
      .set(await t.as(UNDP))
      .send({ convenerCode: 'UNDP' });
    expect(convener.status).toBe(403);
    expect(convener.body.details).toEqual([
      expect.objectContaining({ field: 'convenerCode', rule: 'CONVENER_ONLY' }),
    ]);
    const removal = await t.http
      .patch(api(`/proposals/${id}`))
      .set(await t.as(UNICEF))
      .send({ participatingOrgCodes: ['IOM', 'UNICEF'] });
    expect(removal.status).toBe(403);
    expect(removal.body.details).toEqual([
      expect.objectContaining({ field: 'participatingOrgCodes', rule: 'CONVENER_ONLY', removed: ['UNDP'] }),
    ]);
    expect(await stored(id)).toEqual({ convener: 'IOM', punos: ['IOM', 'UNICEF', 'UNDP'] });
  });

  it('lets a PUNO add a PUNO and reorder, and the convener hand over or remove PUNOs', async () => {
    const id = await draftOfIom();
    const added = await t.http
      .patch(api(`/proposals/${id}`))
      .set(await t.as(UNDP))
      .send({ participatingOrgCodes: ['UNDP', 'IOM', 'UNICEF', 'ILO'] });
    expect(added.status).toBe(200);
    const removed = await t.http
      .patch(api(`/proposals/${id}`))
      .set(await t.as(IOM))
      .send({ participatingOrgCodes: ['IOM', 'UNICEF', 'UNDP'] });
    expect(removed.status).toBe(200);
    const handedOver = await t.http
      .patch(api(`/proposals/${id}`))
      .set(await t.as(IOM))
      .send({ convenerCode: 'UNICEF' });
    expect(handedOver.status).toBe(200);
    expect(await stored(id)).toEqual({ convener: 'UNICEF', punos: ['IOM', 'UNICEF', 'UNDP'] });
    // IOM is no longer the convener: it may no longer withdraw or change who takes part.
    expect((await t.http.post(api(`/proposals/${id}/withdraw`)).set(await t.as(IOM))).status).toBe(403);
    const back = await t.http
      .patch(api(`/proposals/${id}`))
      .set(await t.as(IOM))
      .send({ convenerCode: 'IOM' });
    expect(back.status).toBe(403);
  });

  it('refuses an edit that would leave the editor outside the proposal, even by the convener (403 KEEP_OWN_ACCESS)', async () => {
    const id = await draftOfIom();
    const leave = await t.http
      .patch(api(`/proposals/${id}`))
      .set(await t.as(IOM))
      .send({ convenerCode: 'UNICEF', participatingOrgCodes: ['UNICEF', 'UNDP'] });
    expect(leave.status).toBe(403);
    expect(leave.body.details).toEqual([
      expect.objectContaining({ field: 'participatingOrgCodes', rule: 'KEEP_OWN_ACCESS' }),
    ]);
    expect(await stored(id)).toEqual({ convener: 'IOM', punos: ['IOM', 'UNICEF', 'UNDP'] });
  });

  it('applies the same rule at creation: the author’s organization must take part (403 naming the field and rule)', async () => {
    const foreign = await t.http
      .post(api('/proposals'))
      .set(await t.as(UNDP))
      .send(eligibleProposal());
    expect(foreign.status).toBe(403);
    expect(foreign.body.details).toEqual([
      expect.objectContaining({ field: 'participatingOrgCodes', rule: 'KEEP_OWN_ACCESS' }),
    ]);
    expect(foreign.body.message).toContain('UNDP');
  });
});
