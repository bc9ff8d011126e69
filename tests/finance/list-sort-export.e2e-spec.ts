import { csvRecords } from '../support/csv';
import { allocateProgramme, insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

const AA = 'aa@mptf.test';
const FMU = 'fmu@mptf.test';
const DONOR = 'donor.deu@mptf.test';
const IOM_FOCAL = 'iom.focal@mptf.test';

/**
 * GET /programmes and GET /contributions (issue 18): sort=, paging, q by prefix, totals over the
 * whole filtered list and format=csv with the same filters, sort and row rules.
 */
describe('the programme and contribution lists sort, search, total and export on the server', () => {
  let t: TestContext;
  const ids: Record<string, string> = {};

  const get = async (path: string, user: string, query: Record<string, string | number> = {}) =>
    t.http
      .get(`/api/v1${path}`)
      .query(query)
      .set(await t.as(user));
  const references = (body: { items: { reference: string }[] }) => body.items.map((p) => p.reference);

  beforeAll(async () => {
    t = await createTestContext();
    const aa = await t.as(AA);
    const post = (path: string, body: object) => t.http.post(`/api/v1${path}`).set(aa).send(body);
    const deposit = (donorCode: string, usdAmount: string, date: string, reference: string) =>
      post('/contributions', {
        donorCode,
        kind: 'DEPOSIT',
        currency: 'USD',
        amount: usdAmount,
        usdAmount,
        date,
        reference,
      }).expect(201);
    await deposit('DEU', '3000000.00', '2026-01-10', 'DEU-AGR-"2026", first');
    await deposit('NOR', '1000000.00', '2026-02-10', 'NOR-2026-01');
    await deposit('DEU', '500000.00', '2026-03-10', 'DEU-2026-02');

    const plan: [string, string, [string, string][], string][] = [
      ['Safe corridors in Moldova', 'MDA', [['IOM', '900000.00']], '300000.00'],
      ['Border health in Kenya', 'KEN', [['UNICEF', '400000.00']], '400000.00'],
      [
        'Returnee reintegration',
        'ECU',
        [
          ['UNDP', '700000.00'],
          ['IOM', '100000.00'],
        ],
        '0.00',
      ],
    ];
    for (const [title, country, punos, transfer] of plan) {
      const id = await insertProgramme(t.db, {
        title,
        countryCodes: [country],
        punos: punos.map(([orgCode, direct]) => ({ orgCode, direct })),
      });
      ids[title] = id;
      await allocateProgramme(
        t,
        id,
        punos.map(([orgCode, amount]) => ({ orgCode, amount })),
        { actor: AA, date: '2026-03-15' },
      );
      if (transfer !== '0.00')
        await post(`/programmes/${id}/transfers`, {
          orgCode: punos[0][0],
          amount: transfer,
          date: '2026-04-01',
        }).expect(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('GET /programmes', () => {
    it('sorts by a money column either way, pages, and totals the whole filtered list', async () => {
      const asc = await get('/programmes', FMU, { sort: 'allocated' });
      expect(asc.status).toBe(200);
      expect(asc.body.items.map((p: { title: string }) => p.title)).toEqual([
        'Border health in Kenya',
        'Returnee reintegration',
        'Safe corridors in Moldova',
      ]);
      const desc = await get('/programmes', FMU, { sort: '-transferred,title', page: 1, pageSize: 2 });
      expect(desc.body.items.map((p: { title: string }) => p.title)).toEqual([
        'Border health in Kenya',
        'Safe corridors in Moldova',
      ]);
      expect(desc.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      // Over all three programmes, not the page of two.
      expect(desc.body.totals).toEqual({
        allocated: '2100000.00',
        transferred: '700000.00',
        refunded: '0.00',
        netFunded: '700000.00',
        expenditure: '0.00',
        deliveryRate: '0.0000',
      });
      const second = await get('/programmes', FMU, { sort: '-transferred,title', page: 2, pageSize: 2 });
      expect(second.body.items.map((p: { title: string }) => p.title)).toEqual(['Returnee reintegration']);
    });

    it('answers an unknown sort field with a 400 naming it', async () => {
      const response = await get('/programmes', FMU, { sort: 'title,-budget' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'sort', message: expect.stringContaining('cannot sort by "budget"') },
      ]);
    });

    it('finds by a title prefix, a reference, a country and a PUNO; totals follow the search', async () => {
      const moldova = await get('/programmes', FMU, { q: 'safe corr' });
      expect(moldova.body.items.map((p: { title: string }) => p.title)).toEqual([
        'Safe corridors in Moldova',
      ]);
      expect(moldova.body.totals.allocated).toBe('900000.00');
      const reference = moldova.body.items[0].reference as string;
      expect(references((await get('/programmes', FMU, { q: reference.toLowerCase() })).body)).toEqual([
        reference,
      ]);
      expect((await get('/programmes', FMU, { q: 'ken' })).body.total).toBe(1);
      expect((await get('/programmes', FMU, { q: 'UNDP' })).body.items[0].title).toBe(
        'Returnee reintegration',
      );
      expect((await get('/programmes', FMU, { q: '100%' })).body.total).toBe(0);
    });

    it('filters by organization (a focal point’s own programmes)', async () => {
      const iom = await get('/programmes', IOM_FOCAL, { organization: 'IOM', sort: 'title' });
      expect(iom.body.items.map((p: { title: string }) => p.title)).toEqual([
        'Returnee reintegration',
        'Safe corridors in Moldova',
      ]);
      expect(iom.body.totals.allocated).toBe('1700000.00');
    });

    it('exports the filtered, sorted list as CSV with BOM, header and decimal money', async () => {
      const response = await get('/programmes', FMU, { format: 'csv', sort: '-allocated', pageSize: 1 });
      const rows = csvRecords(response);
      expect(response.headers['content-disposition']).toContain('programmes.csv');
      expect(rows.map((row) => row.Title)).toEqual([
        'Safe corridors in Moldova',
        'Returnee reintegration',
        'Border health in Kenya',
      ]);
      expect(rows[0]).toMatchObject({
        'Allocated (US$)': '900000.00',
        'Transferred (US$)': '300000.00',
        Countries: 'MDA',
        PUNOs: 'IOM',
        'Delivery rate': '0.0000',
      });
      const searched = csvRecords(await get('/programmes', FMU, { format: 'csv', q: 'ken' }));
      expect(searched.map((row) => row.Title)).toEqual(['Border health in Kenya']);
      expect((await get('/programmes', FMU, { format: 'xml' })).status).toBe(400);
    });
  });

  describe('GET /contributions', () => {
    it('sorts by US$ either way and totals US$ and AA fees over the filter', async () => {
      const desc = await get('/contributions', FMU, { sort: '-usdAmount', pageSize: 1 });
      expect(desc.status).toBe(200);
      expect(desc.body.items.map((c: { usdAmount: string }) => c.usdAmount)).toEqual(['3000000.00']);
      expect(desc.body).toMatchObject({ total: 3, page: 1, pageSize: 1 });
      expect(desc.body.totals).toEqual({ deposits: '4500000.00', commitments: '0.00', aaFee: '45000.00' });
      const asc = await get('/contributions', FMU, { sort: 'usdAmount' });
      expect(asc.body.items.map((c: { usdAmount: string }) => c.usdAmount)).toEqual([
        '500000.00',
        '1000000.00',
        '3000000.00',
      ]);
      const deu = await get('/contributions', FMU, { donor: 'DEU' });
      expect(deu.body.totals).toEqual({ deposits: '3500000.00', commitments: '0.00', aaFee: '35000.00' });
    });

    it('answers an unknown sort field with a 400 naming it', async () => {
      const response = await get('/contributions', FMU, { sort: 'fee' });
      expect(response.status).toBe(400);
      expect(response.body.details[0]).toMatchObject({
        field: 'sort',
        message: expect.stringContaining('"fee"'),
      });
    });

    it('finds by donor prefix and reference; a donor cannot find another donor’s reference', async () => {
      expect((await get('/contributions', FMU, { q: 'germ' })).body.total).toBe(2);
      expect((await get('/contributions', FMU, { q: 'nor-2026' })).body.items[0].donorCode).toBe('NOR');
      // DEU's viewer sees NOR's contribution but not its reference, so the reference finds nothing.
      expect((await get('/contributions', DONOR, { q: 'nor-2026' })).body.total).toBe(0);
      expect((await get('/contributions', DONOR, { q: 'deu-2026' })).body.total).toBe(1);
    });

    it('exports CSV with the same row rules: no other donor’s reference for a donor', async () => {
      const fmu = csvRecords(await get('/contributions', FMU, { format: 'csv', sort: 'date' }));
      expect(fmu.map((row) => row.Reference)).toEqual([
        'DEU-AGR-"2026", first',
        'NOR-2026-01',
        'DEU-2026-02',
      ]);
      expect(fmu[0]).toMatchObject({ Contributor: 'DEU', US$: '3000000.00', 'AA fee (US$)': '30000.00' });
      const donor = csvRecords(await get('/contributions', DONOR, { format: 'csv', sort: 'date' }));
      expect(donor.map((row) => row.Reference)).toEqual(['DEU-AGR-"2026", first', '', 'DEU-2026-02']);
    });
  });
});
