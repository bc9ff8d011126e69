import { Role } from '@mptf/identity';
import { DEMO_USERS } from '@mptf/seeds';
import { createTestContext, TestContext } from '../support/test-context';
import { reportFigure, size } from './support/figures';
import { AgendaFacts, buildVisibilityWorld, VisibilityWorld } from './support/visibility-world';

const API = '/api/v1';

/** Every demo user: every role, and the SC members and focal points of several organizations. */
const READERS = DEMO_USERS.map((user) => ({
  email: user.email,
  role: user.roles[0],
  org: user.organizationCode,
}));
type Reader = (typeof READERS)[number];

/**
 * The "who sees what" table, written here independently of the code: whether `reader` sees the
 * review scores of an agenda item in the decision pack.
 */
function seesScores(reader: Reader, item: AgendaFacts): boolean {
  if (reader.role === Role.ADMIN || reader.role === Role.FMU_OFFICER) return true;
  const recused = item.orgCodes.includes(reader.org) || item.conflicted.includes(reader.email);
  if (recused) return false;
  if (reader.role === Role.SC_CHAIR) return true;
  return item.reviewers.includes(reader.email) || item.roundClosed;
}

/** Whether `reader` sees an actual in `state` of a programme run by `orgCodes`. */
function seesActual(reader: Reader, orgCodes: string[], state: string): boolean {
  if (reader.role === Role.AGENCY_FOCAL_POINT) return orgCodes.includes(reader.org);
  if (reader.role === Role.DONOR_VIEWER) return state === 'APPROVED';
  return true;
}

/**
 * Per-record visibility for every role (issue 15): decision packs, the audit trail and actuals
 * (one by one, listed, in results matrices and due lists), each reader against records they may
 * and may not see. A leak is anything shown that the table above (or, for the audit trail, the
 * entity's own read route) does not allow; a miss is something allowed but not shown.
 */
describe('reliability: per-record visibility of packs, audit and actuals', () => {
  let t: TestContext;
  let world: VisibilityWorld;
  beforeAll(async () => {
    t = await createTestContext();
    world = await buildVisibilityWorld(t, { meetings: size(3, 1), programmes: size(6, 2) });
  }, 240000);
  afterAll(() => t.close());

  const get = async (reader: Reader, path: string) =>
    t.http.get(`${API}${path}`).set(await t.as(reader.email));

  it('shows pack scores to exactly those who may see the reviews, and the pack report to the FMU and admins', async () => {
    const leaks: string[] = [];
    const misses: string[] = [];
    let checks = 0;
    for (const reader of READERS) {
      for (const { meetingId, items } of world.meetings) {
        const pack = await get(reader, `/sc-meetings/${meetingId}/pack`);
        if (pack.status !== 200) {
          checks += items.length;
          // No pack at all is never a leak; for a role that reads meetings it is a miss.
          if ([Role.ADMIN, Role.FMU_OFFICER, Role.SC_CHAIR, Role.SC_MEMBER].includes(reader.role))
            misses.push(`${reader.email} pack ${meetingId}: ${pack.status}`);
          if (JSON.stringify(pack.body).includes('weightedScore'))
            leaks.push(`${reader.email} ${meetingId}: body`);
          continue;
        }
        for (const item of items) {
          checks += 1;
          const shown = (pack.body.proposals as Record<string, unknown>[]).find(
            (p) => p.proposalId === item.proposalId,
          );
          const visible = ['weightedScore', 'recommendations', 'reviewCount'].some(
            (key) => shown?.[key] !== null,
          );
          const label = `${reader.email} item ${item.proposalId}`;
          if (visible && !seesScores(reader, item)) leaks.push(label);
          if (!visible && seesScores(reader, item)) misses.push(label);
        }
      }
      checks += 1;
      const run = await get(reader, `/reports/${world.packReportId}`);
      const mayReadPack = reader.role === Role.ADMIN || reader.role === Role.FMU_OFFICER;
      if (run.status === 200 && !mayReadPack) leaks.push(`${reader.email} DECISION_PACK report`);
      if (run.status !== 200 && mayReadPack)
        misses.push(`${reader.email} DECISION_PACK report: ${run.status}`);
    }
    reportFigure(
      'visibility',
      `pack score leaks over ${checks} reader × item checks`,
      leaks.length,
      '0',
      !leaks.length,
    );
    reportFigure('visibility', 'pack scores wrongly hidden', misses.length, '0', !misses.length);
    expect({ leaks, misses }).toEqual({ leaks: [], misses: [] });
  });

  it('shows each actual, listed, one by one, in the matrix and the due list, to exactly those who may see it', async () => {
    const leaks: string[] = [];
    const misses: string[] = [];
    let checks = 0;
    for (const reader of READERS) {
      for (const { programmeId, orgCodes, actuals } of world.programmes) {
        const listed = await get(reader, `/actuals?programmeId=${programmeId}&pageSize=200`);
        const matrix = await get(reader, `/proposals/${programmeId}/results-matrix`);
        const due = await get(reader, `/programmes/${programmeId}/results/due`);
        const listedIds = new Set((listed.body.items ?? []).map((a: { id: string }) => a.id));
        const inMatrix = matrix.status === 200 ? JSON.stringify(matrix.body) : '';
        const inDue = due.status === 200 ? JSON.stringify(due.body) : '';
        for (const [state, id] of Object.entries(actuals)) {
          const allowed = seesActual(reader, orgCodes, state);
          const single = (await get(reader, `/actuals/${id}`)).status === 200;
          const ways: [string, boolean][] = [
            ['GET /actuals/:id', single],
            ['GET /actuals', listedIds.has(id)],
            ['results matrix', inMatrix.includes(id)],
          ];
          // The due list names actuals not yet approved of periods that have ended (2025's here).
          if (state === 'DRAFT' || state === 'RETURNED') ways.push(['due list', inDue.includes(id)]);
          for (const [way, shown] of ways) {
            checks += 1;
            const label = `${reader.email} ${state} actual ${id} via ${way}`;
            if (shown && !allowed) leaks.push(label);
            if (!shown && allowed) misses.push(label);
          }
        }
      }
      // The draft's matrix: its agencies only.
      checks += 1;
      const draftMatrix = await get(reader, `/proposals/${world.draft.proposalId}/results-matrix`);
      const allowed = reader.role === Role.AGENCY_FOCAL_POINT && world.draft.orgCodes.includes(reader.org);
      if (draftMatrix.status === 200 && !allowed) leaks.push(`${reader.email} draft matrix`);
      if (draftMatrix.status !== 200 && allowed)
        misses.push(`${reader.email} draft matrix: ${draftMatrix.status}`);
    }
    reportFigure(
      'visibility',
      `actual leaks over ${checks} reader × actual × route checks`,
      leaks.length,
      '0',
      !leaks.length,
    );
    reportFigure('visibility', 'actuals wrongly hidden', misses.length, '0', !misses.length);
    expect({ leaks, misses }).toEqual({ leaks: [], misses: [] });
  });

  it('shows each audit event only to readers who may read its entity, and all of those', async () => {
    // The entity's own read route decides (the oracle); unknown types: nobody.
    const entityRoute: Record<string, (id: string) => string[]> = {
      proposal: (id) => [`/proposals/${id}`],
      programme: (id) => [`/programmes/${id}`, `/proposals/${id}`],
      'results-matrix': (id) => [`/proposals/${id}/results-matrix`],
      actual: (id) => [`/actuals/${id}`],
      report_run: (id) => [`/reports/${id}`],
      'sc-meeting': (id) => [`/sc-meetings/${id}`],
      pipeline: () => ['/pipeline'],
      contribution: () => ['/contributions?pageSize=1'],
      fund_entry: () => ['/fund/status'],
      'fund-indicator': () => ['/results/fund-indicators'],
      user: () => ['/users?pageSize=1'],
      thematic_area: () => ['/reference/thematic-areas'],
      fund_settings: () => ['/settings/fund'],
    };
    const entities = (await t.db.query(
      'SELECT DISTINCT entity_type, entity_id FROM audit_events ORDER BY 1, 2',
    )) as { entity_type: string; entity_id: string }[];
    const leaks: string[] = [];
    const misses: string[] = [];
    let checks = 0;
    for (const reader of READERS) {
      const seen = new Set<string>();
      const first = await get(reader, '/audit?pageSize=200');
      if (first.status === 200) {
        const pages = Math.ceil(first.body.total / 200);
        for (let page = 1; page <= pages; page++) {
          const body = page === 1 ? first.body : (await get(reader, `/audit?pageSize=200&page=${page}`)).body;
          for (const event of body.items as { entityType: string; entityId: string }[])
            seen.add(`${event.entityType}/${event.entityId}`);
        }
      }
      for (const { entity_type: type, entity_id: id } of entities) {
        checks += 1;
        const routes = entityRoute[type]?.(id) ?? [];
        let allowed = false;
        for (const route of routes) if ((await get(reader, route)).status === 200) allowed = true;
        const shown = seen.has(`${type}/${id}`);
        const label = `${reader.email} ${type} ${id}`;
        if (shown && !allowed) leaks.push(label);
        // Readers without the audit permission miss nothing: they read no trail at all.
        if (!shown && allowed && first.status === 200) misses.push(label);
      }
      // Asked by id, a hidden entity's events stay hidden too.
      checks += 1;
      const byId = await get(reader, `/audit?entityId=${world.draft.proposalId}`);
      if (byId.status === 200 && byId.body.total > 0) leaks.push(`${reader.email} draft by entityId`);
    }
    reportFigure(
      'visibility',
      `audit leaks over ${checks} reader × entity checks (${entities.length} entities)`,
      leaks.length,
      '0',
      !leaks.length,
    );
    reportFigure('visibility', 'audit events wrongly hidden', misses.length, '0', !misses.length);
    expect({ leaks, misses }).toEqual({ leaks: [], misses: [] });
  });
});
