import { eligibleProposal, ProposalBody } from '../proposals/proposal-fixtures';
import type { TestContext } from '../support/test-context';

export const API = '/api/v1';
export const FMU = 'fmu@mptf.test';
export const AA = 'aa@mptf.test';
export const CHAIR = 'chair@mptf.test';
export const SC_UNDP = 'sc.undp@mptf.test';
export const SC_UNICEF = 'sc.unicef@mptf.test';
export const SC_DEU = 'sc.deu@mptf.test';
export const IOM = 'iom.focal@mptf.test';
export const UNDP_FOCAL = 'undp.focal@mptf.test';

/** The seeded review criteria (weights 20, 20, 15, 20, 15, 10). */
export const CRITERIA = [
  'RELEVANCE',
  'GUIDING_PRINCIPLES',
  'JOINT_PROGRAMMING',
  'RESULTS',
  'FEASIBILITY',
  'INNOVATION',
];

/** A full scorecard body: one score per criterion in CRITERIA order. */
export function scorecard(scores: number[], recommendation = 'APPROVE', comment = 'Sound joint programme.') {
  return {
    scores: CRITERIA.map((criterionCode, index) => ({ criterionCode, score: scores[index] })),
    recommendation,
    comment,
  };
}

/** An eligible proposal of IOM with UNICEF, created and submitted by IOM's focal point. */
export async function submittedProposal(
  t: TestContext,
  overrides: Partial<ProposalBody> = {},
  author = IOM,
): Promise<string> {
  const created = await t.http
    .post(`${API}/proposals`)
    .set(await t.as(author))
    .send(eligibleProposal(overrides));
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const submitted = await t.http.post(`${API}/proposals/${created.body.id}/submit`).set(await t.as(author));
  if (submitted.status !== 200)
    throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return created.body.id as string;
}

/** Submitted, then passed at screening by the FMU. */
export async function underReview(t: TestContext, overrides: Partial<ProposalBody> = {}, author = IOM) {
  const id = await submittedProposal(t, overrides, author);
  const screened = await t.http
    .post(`${API}/proposals/${id}/screening`)
    .set(await t.as(FMU))
    .send({ outcome: 'PASS', comment: 'Eligible' });
  if (screened.status !== 200) throw new Error(`screen: ${screened.status} ${JSON.stringify(screened.body)}`);
  return id;
}

/** A US$ deposit (the AA keeps a 1% fee, so 99% becomes available). */
export async function deposit(t: TestContext, amount: string, date = '2026-03-01'): Promise<void> {
  const response = await t.http
    .post(`${API}/contributions`)
    .set(await t.as(AA))
    .send({ donorCode: 'DEU', kind: 'DEPOSIT', currency: 'USD', amount, usdAmount: amount, date });
  if (response.status !== 201)
    throw new Error(`deposit: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function queueOf(
  t: TestContext,
  email: string,
): Promise<{ proposalId: string; overdue: boolean }[]> {
  const response = await t.http.get(`${API}/review-queue`).set(await t.as(email));
  if (response.status !== 200) throw new Error(`queue: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function inQueue(t: TestContext, email: string, proposalId: string): Promise<boolean> {
  return (await queueOf(t, email)).some((item) => item.proposalId === proposalId);
}

/** Budget of eligibleProposal(): IOM 345000.50 + 7% = 369150.54; UNICEF 200000.25 + 7% = 214000.27. */
export const FULL_ALLOCATIONS = [
  { orgCode: 'IOM', amount: '369150.54' },
  { orgCode: 'UNICEF', amount: '214000.27' },
];
export const REQUESTED_TOTAL = '583150.81';
