import { eligibleProposal } from '../../proposals/proposal-fixtures';
import { ActualState, actualsInEveryState, insertProposal } from '../../results/results-fixtures';
import { API, CHAIR, FMU, IOM, scorecard, underReview, UNDP_FOCAL } from '../../review/review-fixtures';
import type { TestContext } from '../../support/test-context';

/** One agenda item as the walk's oracle knows it: who takes part, who reviewed, who is conflicted. */
export interface AgendaFacts {
  proposalId: string;
  orgCodes: string[];
  reviewers: string[];
  conflicted: string[];
  roundClosed: boolean;
}

export interface ProgrammeFacts {
  programmeId: string;
  orgCodes: string[];
  actuals: Record<ActualState, string>;
}

export interface VisibilityWorld {
  meetings: { meetingId: string; items: AgendaFacts[] }[];
  packReportId: string;
  programmes: ProgrammeFacts[];
  /** A draft of IOM (with UNICEF) that has a results matrix: its agencies' alone. */
  draft: { proposalId: string; orgCodes: string[] };
}

const UNICEF_FOCAL = 'unicef.focal@mptf.test';

async function review(t: TestContext, proposalId: string, email: string): Promise<void> {
  await t.http
    .post(`${API}/proposals/${proposalId}/reviews`)
    .set(await t.as(email))
    .send(scorecard([4, 4, 3, 4, 3, 2]))
    .expect(201);
}

async function conflict(t: TestContext, proposalId: string, email: string): Promise<void> {
  await t.http
    .post(`${API}/proposals/${proposalId}/conflicts`)
    .set(await t.as(email))
    .send({ reason: 'Advised the design' })
    .expect(201);
}

/**
 * A meeting whose four items cover the review visibility cases: reviewed by a member; the chair
 * conflicted; a PUNO member's agency convening (UNDP); and one decided into the pipeline (round closed).
 */
async function meetingWorld(
  t: TestContext,
  index: number,
): Promise<{ meetingId: string; items: AgendaFacts[] }> {
  const iomUnicef = ['IOM', 'UNICEF'];
  const undpIlo = ['UNDP', 'ILO'];
  const u1 = await underReview(t, { title: `Visibility ${index}: reviewed by UNDP` });
  const u2 = await underReview(t, { title: `Visibility ${index}: chair conflicted` });
  const u3 = await underReview(
    t,
    {
      title: `Visibility ${index}: UNDP convenes`,
      convenerCode: 'UNDP',
      participatingOrgCodes: undpIlo,
      budgetLines: [
        { orgCode: 'UNDP', categoryCode: 1, amount: '200000.00' },
        { orgCode: 'ILO', categoryCode: 4, amount: '100000.00' },
      ],
    },
    UNDP_FOCAL,
  );
  const u4 = await underReview(t, { title: `Visibility ${index}: decided into the pipeline` });
  await review(t, u1, 'sc.undp@mptf.test');
  await conflict(t, u2, CHAIR);
  await review(t, u2, 'sc.deu@mptf.test');
  await review(t, u3, CHAIR);
  await review(t, u4, 'sc.deu@mptf.test');
  const meeting = await t.http
    .post(`${API}/sc-meetings`)
    .set(await t.as(FMU))
    .send({ title: `Visibility session ${index}`, date: '2026-11-20', proposalIds: [u1, u2, u3, u4] });
  if (meeting.status !== 201) throw new Error(`meeting: ${meeting.status} ${JSON.stringify(meeting.body)}`);
  await t.http
    .post(`${API}/proposals/${u4}/decision`)
    .set(await t.as(CHAIR))
    .send({ outcome: 'PIPELINE', justification: 'Endorsed, waiting for funds', meetingId: meeting.body.id })
    .expect(201);
  const item = (proposalId: string, orgCodes: string[], reviewers: string[], conflicted: string[] = []) => ({
    proposalId,
    orgCodes,
    reviewers,
    conflicted,
    roundClosed: proposalId === u4,
  });
  return {
    meetingId: meeting.body.id as string,
    items: [
      item(u1, iomUnicef, ['sc.undp@mptf.test']),
      item(u2, iomUnicef, ['sc.deu@mptf.test'], [CHAIR]),
      item(u3, undpIlo, [CHAIR]),
      item(u4, iomUnicef, ['sc.deu@mptf.test']),
    ],
  };
}

/** One indicator with a target next year: inside the window of a draft created now (24 months). */
function draftIndicator() {
  const year = new Date().getUTCFullYear() + 1;
  return {
    key: 'OC1.1',
    title: 'People reached',
    measure: 'UNIT',
    ascending: true,
    unit: 'people',
    baseline: { year: year - 1, value: 0 },
    targets: [{ periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, value: 10 }],
  };
}

/** Builds the world the visibility walk reads: `meetings` meetings, `programmes` programmes. */
export async function buildVisibilityWorld(
  t: TestContext,
  sizes: { meetings: number; programmes: number },
): Promise<VisibilityWorld> {
  const meetings = [];
  for (let index = 0; index < sizes.meetings; index++) meetings.push(await meetingWorld(t, index));
  const packReport = await t.http
    .post(`${API}/reports`)
    .set(await t.as(FMU))
    .send({ type: 'DECISION_PACK', format: 'csv', parameters: { meetingId: meetings[0].meetingId } });
  if (packReport.status !== 202) throw new Error(`pack report: ${packReport.status}`);

  const programmes: ProgrammeFacts[] = [];
  for (let index = 0; index < sizes.programmes; index++) {
    const orgCodes = index % 2 === 0 ? ['IOM', 'UNDP'] : ['UNICEF', 'ILO'];
    const programmeId = await insertProposal(t.db, { status: 'ACTIVE', orgCodes });
    const reporter = orgCodes[0] === 'IOM' ? IOM : UNICEF_FOCAL;
    programmes.push({ programmeId, orgCodes, actuals: await actualsInEveryState(t, programmeId, reporter) });
  }

  // Entities of the other audited types: a user, a contribution, the fund settings.
  const admin = await t.as('admin@mptf.test');
  await t.http
    .post(`${API}/users`)
    .set(admin)
    .send({
      email: 'visibility.walk@iom.int',
      name: 'Visibility Walk',
      password: 'a-long-password',
      roles: ['AGENCY_FOCAL_POINT'],
      organizationCode: 'IOM',
    })
    .expect(201);
  await t.http
    .post(`${API}/contributions`)
    .set(await t.as('aa@mptf.test'))
    .send({ donorCode: 'SWE', kind: 'DEPOSIT', currency: 'USD', amount: '250000.00', date: '2026-02-01' })
    .expect(201);
  await t.http.patch(`${API}/settings/fund`).set(admin).send({ reviewWindowDays: 30 }).expect(200);

  const draft = await t.http
    .post(`${API}/proposals`)
    .set(await t.as(IOM))
    .send(eligibleProposal({ title: 'Visibility: a draft with a results matrix' }));
  const matrix = await t.http
    .put(`${API}/proposals/${draft.body.id}/results-matrix`)
    .set(await t.as(IOM))
    .send({
      results: [{ key: 'OC1', type: 'OUTCOME', title: 'Draft outcome', indicators: [draftIndicator()] }],
    });
  if (matrix.status !== 200) throw new Error(`draft matrix: ${matrix.status} ${JSON.stringify(matrix.body)}`);
  return {
    meetings,
    packReportId: packReport.body.id as string,
    programmes,
    draft: { proposalId: draft.body.id as string, orgCodes: ['IOM', 'UNICEF'] },
  };
}
