import { Cents, InvalidStateError, NotFoundError, RuleViolationError } from '@mptf/platform';
import { ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { EntityManager } from 'typeorm';

/**
 * What finance reads of a proposal, straight from the proposals tables with SQL, so finance does
 * not depend on the intake module's entities.
 */
export interface ProgrammeRecord {
  id: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  thematicAreaCode: number;
}

export interface PunoRecord {
  organizationId: string;
  code: string;
  name: string;
  /** Budgeted direct costs (categories 1–7) of this PUNO. */
  direct: Cents;
}

export async function findProgramme(manager: EntityManager, id: string): Promise<ProgrammeRecord | null> {
  const rows = (await manager.query(
    `SELECT id, reference, title, status, thematic_area_code AS "thematicAreaCode" FROM proposals WHERE id = $1`,
    [id],
  )) as ProgrammeRecord[];
  return rows[0] ?? null;
}

/** The PUNOs of a proposal with their budgeted direct costs, in the proposal's order. */
export async function punosOf(manager: EntityManager, proposalId: string): Promise<PunoRecord[]> {
  const rows = (await manager.query(
    `SELECT o.id AS "organizationId", o.code, o.name,
            coalesce((SELECT sum(b.amount) FROM proposal_budget_lines b
                       WHERE b.proposal_id = po.proposal_id AND b.organization_id = o.id AND b.category_code <= 7), 0)::text AS direct
       FROM proposal_organizations po JOIN organizations o ON o.id = po.organization_id
      WHERE po.proposal_id = $1
      ORDER BY po.position, o.code`,
    [proposalId],
  )) as (Omit<PunoRecord, 'direct'> & { direct: string })[];
  return rows.map((row) => ({ ...row, direct: BigInt(row.direct) }));
}

/** The PUNO with this code, or a 422 naming the field: money only moves to a programme's PUNOs. */
export function requirePuno(punos: PunoRecord[], orgCode: string, field = 'orgCode'): PunoRecord {
  const puno = punos.find((candidate) => candidate.code === orgCode);
  if (!puno) {
    throw new RuleViolationError(`${orgCode} is not a participating organization of this programme`, [
      { field, rule: 'PUNO', message: `${orgCode} is not a participating organization of this programme` },
    ]);
  }
  return puno;
}

export async function organizationIdByCode(manager: EntityManager, code: string): Promise<string | null> {
  const rows = (await manager.query('SELECT id FROM organizations WHERE code = $1', [code])) as {
    id: string;
  }[];
  return rows[0]?.id ?? null;
}

/** Locks the proposal row; 404 if it is no programme at all, 409 naming its state if not in `allowed`. */
export async function lockProgramme(
  statuses: ProposalStatusService,
  manager: EntityManager,
  programmeId: string,
  action: string,
  allowed: ProposalStatus[],
): Promise<ProgrammeRecord> {
  const status = await statuses.lock(manager, programmeId);
  if (!allowed.includes(status)) throw new InvalidStateError('programme', status, action);
  const programme = await findProgramme(manager, programmeId);
  if (!programme) throw new NotFoundError('Programme', programmeId);
  return programme;
}
