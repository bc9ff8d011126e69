import { csvRecords } from '../support/csv';
import { insertProposalRows, ProposalRows } from '../support/proposal-rows';
import { createTestContext, TestContext } from '../support/test-context';

const FMU = 'fmu@mptf.test';

function proposal(
  reference: string,
  title: string,
  country: string,
  puno: string,
  amountCents = 10_000_000n,
): ProposalRows {
  return {
    reference,
    title,
    summary: `${title}: a joint programme.`,
    scope: 'NATIONAL',
    thematicAreaCode: 2,
    status: 'SUBMITTED',
    version: 1,
    durationMonths: 24,
    markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
    governmentEndorsementDate: null,
    startDate: null,
    submitted: true,
    createdBy: FMU,
    createdAt: null,
    convenerCode: puno,
    punoCodes: [puno],
    countryCodes: [country],
    objectiveCodes: [],
    lines: [{ orgCode: puno, categoryCode: 1, amountCents }],
  };
}

/** GET /proposals: sort=, paging and the search by reference, title, country and agency (issue 18). */
describe('the proposal list sorts, pages and searches on the server', () => {
  let t: TestContext;
  const references = (body: { items: { reference: string }[] }) => body.items.map((p) => p.reference);
  const list = async (query: Record<string, string | number>) =>
    t.http
      .get('/api/v1/proposals')
      .query(query)
      .set(await t.as(FMU));

  beforeAll(async () => {
    t = await createTestContext();
    await insertProposalRows(
      t.db,
      proposal('MIG-2026-0005', 'Safe labour migration corridors', 'MDA', 'IOM'),
    );
    await insertProposalRows(
      t.db,
      // The largest budget (US$ 321,000.00 with 7 % indirect), though neither first nor last by reference.
      proposal('MIG-2026-0012', 'Border health and protection', 'KEN', 'UNICEF', 30_000_000n),
    );
    await insertProposalRows(t.db, proposal('MIG-2026-0020', 'Returnee reintegration', 'ECU', 'UNDP'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sorts by a column, either way, and by several', async () => {
    expect(references((await list({ sort: 'reference' })).body)).toEqual([
      'MIG-2026-0005',
      'MIG-2026-0012',
      'MIG-2026-0020',
    ]);
    expect(references((await list({ sort: '-reference' })).body)).toEqual([
      'MIG-2026-0020',
      'MIG-2026-0012',
      'MIG-2026-0005',
    ]);
    expect(references((await list({ sort: 'title,-reference' })).body)).toEqual([
      'MIG-2026-0012',
      'MIG-2026-0020',
      'MIG-2026-0005',
    ]);
  });

  it('sorts by total budget and totals the whole filtered list, not the page', async () => {
    const byBudget = await list({ sort: '-totalBudget', pageSize: 1 });
    expect(byBudget.status).toBe(200);
    expect(references(byBudget.body)).toEqual(['MIG-2026-0012']);
    // 107,000 + 321,000 + 107,000: every page, with indirect costs.
    expect(byBudget.body).toMatchObject({ total: 3, totals: { totalBudget: '535000.00' } });
    expect(references((await list({ sort: 'convener' })).body)).toEqual([
      'MIG-2026-0005',
      'MIG-2026-0020',
      'MIG-2026-0012',
    ]);
    expect(references((await list({ sort: 'totalBudget,reference' })).body)).toEqual([
      'MIG-2026-0005',
      'MIG-2026-0020',
      'MIG-2026-0012',
    ]);
    expect((await list({ q: 'UNICEF' })).body.totals).toEqual({ totalBudget: '321000.00' });
    expect((await list({ q: 'nothing like it' })).body.totals).toEqual({ totalBudget: '0.00' });
    const exported = csvRecords(await list({ format: 'csv', sort: '-totalBudget' }));
    expect(exported.map((row) => [row.Reference, row['Total budget (US$)']])).toEqual([
      ['MIG-2026-0012', '321000.00'],
      ['MIG-2026-0020', '107000.00'],
      ['MIG-2026-0005', '107000.00'],
    ]);
  });

  it('keeps the stored total true when the budget or the rate changes', async () => {
    const [{ id }] = (await t.db.query(`SELECT id FROM proposals WHERE reference = 'MIG-2026-0020'`)) as {
      id: string;
    }[];
    // A second PUNO's lines (rounded per PUNO: 0.07 × 333.33 = 23.3331 → 23.33) and a category-8
    // line typed in by hand, which the budget ignores.
    await t.db.query(
      `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
       SELECT $1, o.id, c, 33333 FROM organizations o, unnest(ARRAY[2, 8]) c WHERE o.code = 'IOM'`,
      [id],
    );
    const after = await t.http.get(`/api/v1/proposals/${id}`).set(await t.as(FMU));
    expect(after.body.budget.total).toBe('107356.66');
    expect((await list({ q: 'MIG-2026-0020' })).body.totals).toEqual({ totalBudget: '107356.66' });
    await t.db.query(`UPDATE proposals SET indirect_rate = 0.08 WHERE id = $1`, [id]);
    expect((await list({ q: 'MIG-2026-0020' })).body.totals).toEqual({ totalBudget: '108360.00' });
    await t.db.query(`DELETE FROM proposal_budget_lines WHERE proposal_id = $1 AND category_code <> 1`, [id]);
    await t.db.query(`UPDATE proposals SET indirect_rate = 0.07 WHERE id = $1`, [id]);
    expect((await list({ q: 'MIG-2026-0020' })).body.totals).toEqual({ totalBudget: '107000.00' });
  });

  it('pages the sorted list on the server', async () => {
    const second = await list({ sort: 'reference', page: 2, pageSize: 2 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(references(second.body)).toEqual(['MIG-2026-0020']);
  });

  it('answers an unknown sort field with a 400 naming it', async () => {
    const response = await list({ sort: 'reference,-budget' });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'sort', message: expect.stringContaining('cannot sort by "budget"') },
    ]);
  });

  it('finds by reference, a title or country prefix, an agency and a typo', async () => {
    expect(references((await list({ q: 'MIG-2026-0005' })).body)).toEqual(['MIG-2026-0005']);
    expect(references((await list({ q: 'Moldo' })).body)).toEqual(['MIG-2026-0005']);
    expect(references((await list({ q: 'reintegr' })).body)).toEqual(['MIG-2026-0020']);
    expect(references((await list({ q: 'UNICEF' })).body)).toEqual(['MIG-2026-0012']);
    expect(references((await list({ q: 'Ecuadro' })).body)).toEqual(['MIG-2026-0020']);
    expect(references((await list({ q: 'corridros' })).body)).toEqual(['MIG-2026-0005']);
    expect((await list({ q: '100%' })).body.items).toEqual([]);
  });

  it('exports the filtered, sorted list as CSV; a focal point only the proposals it sees', async () => {
    const all = csvRecords(await list({ format: 'csv', sort: '-reference', pageSize: 1 }));
    expect(all.map((row) => row.Reference)).toEqual(['MIG-2026-0020', 'MIG-2026-0012', 'MIG-2026-0005']);
    expect(all[2]).toMatchObject({
      Title: 'Safe labour migration corridors',
      Convener: 'IOM',
      Countries: 'MDA',
      'Total budget (US$)': '107000.00',
    });
    expect(csvRecords(await list({ format: 'csv', q: 'Moldo' })).map((row) => row.Reference)).toEqual([
      'MIG-2026-0005',
    ]);
    const unicef = await t.as('unicef.focal@mptf.test');
    const seen = await t.http.get('/api/v1/proposals').set(unicef);
    const exported = csvRecords(await t.http.get('/api/v1/proposals').query({ format: 'csv' }).set(unicef));
    expect(exported.map((row) => row.Reference)).toEqual(references(seen.body));
    expect(exported.map((row) => row.Reference)).toEqual(['MIG-2026-0012']);
  });

  it('uses the trigram indexes at 100,000 proposals', async () => {
    await t.db.query(
      `INSERT INTO proposals (reference, title, summary, stage, scope, thematic_area_code, convener_org_id,
              duration_months, marker_gender, marker_human_rights, marker_child_sensitivity, status, version,
              created_by, indirect_rate)
       SELECT 'MIG-' || (3000 + g / 10000) || '-' || lpad((g % 10000)::text, 4, '0'), 'Programme ' || md5(g::text), 'bulk', 'FULL_PROPOSAL', 'NATIONAL', 2,
              o.id, 24, 1, 1, 1, 'SUBMITTED', 1, u.id, 0.07
         FROM generate_series(1, 100000) g, organizations o, users u WHERE o.code = 'IOM' AND u.email = $1`,
      [FMU],
    );
    await t.db.query('ANALYZE proposals');
    const plan = (await t.db.query(
      `EXPLAIN SELECT id FROM proposals p WHERE lower(p.reference) LIKE '%mig-2026-0005%' OR lower(p.title) LIKE '%mig-2026-0005%' OR 'corridros' <% lower(p.title)`,
    )) as { 'QUERY PLAN': string }[];
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('proposals_reference_trgm_idx');
    expect(text).toContain('proposals_title_trgm_idx');
    expect(text).not.toContain('Seq Scan');
    // Speed is the benchmark's to measure; here the plans above say the indexes are used.
    const found = await list({ q: 'MIG-2026-0005' });
    expect(references(found.body)).toEqual(['MIG-2026-0005']);
    // Budgets of every size; the totals follow through the trigger, and the sort by total budget
    // reads the index (stopping after the page), not every proposal's budget lines.
    await t.db.query(
      `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
       SELECT p.id, p.convener_org_id, 1, 100 * (1 + abs(hashtext(p.reference)) % 5000000)
         FROM proposals p WHERE p.summary = 'bulk'`,
    );
    await t.db.query('ANALYZE proposals');
    const sortPlan = (await t.db.query(
      `EXPLAIN SELECT id FROM proposals p WHERE p.version > 0 ORDER BY p.budget_total DESC, p.reference DESC LIMIT 50`,
    )) as { 'QUERY PLAN': string }[];
    expect(sortPlan.map((row) => row['QUERY PLAN']).join('\n')).toContain('proposals_budget_total_idx');
    const top = await list({ sort: '-totalBudget', pageSize: 3 });
    expect(top.body.total).toBe(100_003);
    const [largest] = (await t.db.query(
      `SELECT reference FROM proposals ORDER BY budget_total DESC, reference DESC LIMIT 1`,
    )) as { reference: string }[];
    expect(references(top.body)[0]).toBe(largest.reference);
    const [{ sum }] = (await t.db.query(
      `SELECT (sum(b.amount * 1.07) / 100)::numeric(20, 2)::text AS sum FROM proposal_budget_lines b`,
    )) as { sum: string }[];
    expect(top.body.totals.totalBudget).toBe(sum);
  }, 180_000);
});
