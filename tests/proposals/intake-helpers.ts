import { AuditActor } from '@mptf/audit';
import { ProposalAction, ProposalStatusService } from '@mptf/proposals';
import type { TestContext } from '../support/test-context';
import { eligibleProposal, FMU, IOM } from './proposal-fixtures';

/** Requests and status steps shared by the intake specs. */
export const api = (path: string) => `/api/v1${path}`;

export async function actorOf(t: TestContext, email: string): Promise<AuditActor> {
  const me = await t.http.get(api('/me')).set(await t.as(email));
  return { id: me.body.id as string, email };
}

/** Screening and decisions belong to the review specs; here they are applied through the one status path. */
export async function applyStatus(
  t: TestContext,
  proposalId: string,
  action: ProposalAction,
  columns?: Record<string, unknown>,
): Promise<void> {
  const fmu = await actorOf(t, FMU);
  await t.db.transaction((manager) =>
    t.app
      .get(ProposalStatusService)
      .apply(manager, { proposalId, action, actor: fmu, comment: 'test', columns }),
  );
}

export async function createProposal(
  t: TestContext,
  email = IOM,
  body = eligibleProposal(),
): Promise<{ id: string; reference: string; [key: string]: unknown }> {
  const response = await t.http
    .post(api('/proposals'))
    .set(await t.as(email))
    .send(body);
  expect(response.status).toBe(201);
  return response.body as { id: string; reference: string; [key: string]: unknown };
}
