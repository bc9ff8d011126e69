import { Cents, RuleViolationError } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';

/** What finance reads of a proposal (through the proposals lib's views). */
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
