import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import type { BindParam } from '@mptf/platform';
import type { ProgrammeFacts } from './programme-facts.repository';

/**
 * Row rules of the programme work (calendar, progress reports, revisions). The route's permission
 * is checked first; these say which programmes: the fund unit, the AA, the Committee and admins
 * (programme-work.read-all) every one, a focal point those its agency takes part in.
 */
export function seesAllProgrammeWork(user: AuthUser): boolean {
  return can(user, Permission.PROGRAMME_WORK_READ_ALL);
}

export function takesPartIn(user: AuthUser, programme: Pick<ProgrammeFacts, 'punos'>): boolean {
  return !!user.organizationId && programme.punos.some((puno) => puno.id === user.organizationId);
}

export function mayReadProgrammeWork(user: AuthUser, programme: Pick<ProgrammeFacts, 'punos'>): boolean {
  return (
    seesAllProgrammeWork(user) || (can(user, Permission.PROGRAMME_WORK_READ) && takesPartIn(user, programme))
  );
}

/**
 * mayReadProgrammeWork as an SQL condition on a row of the programme work whose `proposal_id` is
 * at `alias` (for lists and the audit trail): 'true' / 'false' when the user alone decides.
 */
export function readableProgrammeWorkCondition(user: AuthUser, alias: string, bind: BindParam): string {
  if (seesAllProgrammeWork(user)) return 'true';
  if (!can(user, Permission.PROGRAMME_WORK_READ) || !user.organizationId) return 'false';
  return `EXISTS (SELECT 1 FROM proposals_participants_v pp
                   WHERE pp.proposal_id = ${alias}.proposal_id AND pp.organization_id = ${bind(user.organizationId)})`;
}

/** The programme work's records, each with the table it lives in (the audit trail names them so). */
const PROGRAMME_WORK_TABLES = {
  progress_report: 'progress_reports',
  programme_revision: 'programme_revisions',
} as const;
export type ProgrammeWorkRecord = keyof typeof PROGRAMME_WORK_TABLES;

/** The programme (proposal id) of the progress report or revision whose id is the SQL `idSql`. */
export function programmeWorkProposalIdSql(record: ProgrammeWorkRecord, idSql: string): string {
  return `(SELECT w.proposal_id FROM ${PROGRAMME_WORK_TABLES[record]} w WHERE w.id = ${idSql})`;
}

/**
 * readableProgrammeWorkCondition for the one progress report or revision whose id is the SQL
 * `idSql` (the audit trail): 'true' / 'false' when the user alone decides.
 */
export function readableProgrammeWorkByIdCondition(
  user: AuthUser,
  record: ProgrammeWorkRecord,
  idSql: string,
  bind: BindParam,
): string {
  const condition = readableProgrammeWorkCondition(user, 'w', bind);
  if (condition === 'true' || condition === 'false') return condition;
  return `EXISTS (SELECT 1 FROM ${PROGRAMME_WORK_TABLES[record]} w WHERE w.id = ${idSql} AND ${condition})`;
}

/** The convening agency's focal points write the report and ask for revisions. */
export function convenes(user: AuthUser, programme: Pick<ProgrammeFacts, 'convenerOrgId'>): boolean {
  return !!user.organizationId && user.organizationId === programme.convenerOrgId;
}

/** Sections: the convener's focal points any, a PUNO's focal points their own agency's. */
export function mayWriteSection(
  user: AuthUser,
  programme: Pick<ProgrammeFacts, 'punos' | 'convenerOrgId'>,
  organizationId: string,
): boolean {
  if (!can(user, Permission.PROGRESS_REPORT_WRITE)) return false;
  return (
    convenes(user, programme) || (takesPartIn(user, programme) && user.organizationId === organizationId)
  );
}

/** The scope of a fund-wide list: null for all, else the agency whose programmes are visible. */
export function listScope(user: AuthUser): { organizationId: string | null } | 'ALL' {
  return seesAllProgrammeWork(user) ? 'ALL' : { organizationId: user.organizationId };
}
