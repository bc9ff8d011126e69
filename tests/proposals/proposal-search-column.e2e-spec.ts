import { createTestContext, TestContext } from '../support/test-context';
import { api, createProposal } from './intake-helpers';
import { IOM } from './proposal-fixtures';

/** The expression the proposals' full-text column always holds (title weighted A, summary B). */
const EXPECTED = `setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                  setweight(to_tsvector('english', coalesce(summary, '')), 'B')`;
const SENTINEL = `to_tsvector('simple', 'sentinel')`;

/**
 * `proposals.search` (the list's full-text search) is kept by triggers (migration
 * ProposalSearchTrigger): written when a proposal is inserted or its title or summary changes,
 * left alone by a status change. As a stored generated column it was parsed again on every status
 * change (PostgreSQL recomputes generated columns on any UPDATE of a table with a BEFORE ROW UPDATE
 * trigger, and `proposals` has one), which cost each submit, screening, decision and transfer.
 */
describe('the proposals search column', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t?.close();
  });

  const matches = async (id: string): Promise<{ expected: boolean; sentinel: boolean }> => {
    const [row] = (await t.db.query(
      `SELECT search = (${EXPECTED}) AS expected, search = ${SENTINEL} AS sentinel FROM proposals WHERE id = $1`,
      [id],
    )) as { expected: boolean; sentinel: boolean }[];
    return row;
  };

  /** Writes a value the expression never gives, with the triggers off (as a restore would). */
  const markWithSentinel = async (id: string) => {
    await t.db.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE proposals SET search = ${SENTINEL} WHERE id = $1`, [id]);
    });
    expect(await matches(id)).toEqual({ expected: false, sentinel: true });
  };

  it('is written on create and edit, and a status change leaves it as it is', async () => {
    const auth = await t.as(IOM);
    const created = await createProposal(t);
    expect(await matches(created.id)).toEqual({ expected: true, sentinel: false });
    const found = await t.http.get(api('/proposals')).query({ q: 'corridors' }).set(auth);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(created.id);

    // Submitting changes the status (and version, indirect rate, times), not the title or summary.
    await markWithSentinel(created.id);
    const submitted = await t.http.post(api(`/proposals/${created.id}/submit`)).set(auth);
    expect(submitted.status).toBe(200);
    expect(await matches(created.id)).toEqual({ expected: false, sentinel: true });

    // A new title is parsed again; so is a direct write of the column itself.
    await t.db.query(`UPDATE proposals SET title = 'Returnee reintegration in Nepal' WHERE id = $1`, [
      created.id,
    ]);
    expect(await matches(created.id)).toEqual({ expected: true, sentinel: false });
    await t.db.query(`UPDATE proposals SET search = ${SENTINEL} WHERE id = $1`, [created.id]);
    expect(await matches(created.id)).toEqual({ expected: true, sentinel: false });
    const renamed = await t.http.get(api('/proposals')).query({ q: 'reintegration' }).set(auth);
    expect(renamed.body.items.map((p: { id: string }) => p.id)).toContain(created.id);
  });

  it('follows an edit of the summary through the API', async () => {
    const auth = await t.as(IOM);
    const created = await createProposal(t);
    await markWithSentinel(created.id);
    const edited = await t.http
      .patch(api(`/proposals/${created.id}`))
      .set(auth)
      .send({ summary: 'Seasonal agricultural workers and their families.' });
    expect(edited.status).toBe(200);
    expect(await matches(created.id)).toEqual({ expected: true, sentinel: false });
  });
});
