import { EntityManager, In } from 'typeorm';
import { PartnerType } from './entities/proposal-parts.entity';
import { Proposal } from './entities/proposal.entity';
import { ProposalAccessFacts } from './visibility';
import { ProposalRecord } from './proposal.view';

/** Loads proposals with their PUNOs, tags, budget lines and partners, in `ids` order. */
export async function loadProposalRecords(
  manager: EntityManager,
  ids: readonly string[],
): Promise<ProposalRecord[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  // One after the other: inside a transaction they share one connection.
  const proposals = await manager.find(Proposal, { where: { id: In(list) } });
  const participants = (await manager.query(
    `SELECT po.proposal_id, o.id, o.code FROM proposal_organizations po
         JOIN organizations o ON o.id = po.organization_id
        WHERE po.proposal_id = ANY($1) ORDER BY po.position, o.code`,
    [list],
  )) as { proposal_id: string; id: string; code: string }[];
  const countries = (await manager.query(
    `SELECT proposal_id, country_code AS code FROM proposal_countries WHERE proposal_id = ANY($1) ORDER BY country_code`,
    [list],
  )) as { proposal_id: string; code: string }[];
  const objectives = (await manager.query(
    `SELECT proposal_id, gcm_objective_code AS code FROM proposal_objectives WHERE proposal_id = ANY($1) ORDER BY gcm_objective_code`,
    [list],
  )) as { proposal_id: string; code: number }[];
  const lines = (await manager.query(
    `SELECT bl.proposal_id, o.code AS org_code, bl.category_code, bl.amount::text AS amount
         FROM proposal_budget_lines bl
         JOIN organizations o ON o.id = bl.organization_id
         LEFT JOIN proposal_organizations po ON po.proposal_id = bl.proposal_id AND po.organization_id = bl.organization_id
        WHERE bl.proposal_id = ANY($1)
        ORDER BY po.position NULLS LAST, o.code, bl.category_code`,
    [list],
  )) as { proposal_id: string; org_code: string; category_code: number; amount: string }[];
  const partners = (await manager.query(
    `SELECT proposal_id, name, type FROM proposal_partners WHERE proposal_id = ANY($1) ORDER BY position, name`,
    [list],
  )) as { proposal_id: string; name: string; type: PartnerType }[];
  const conveners = (await manager.query(`SELECT id, code FROM organizations WHERE id = ANY($1)`, [
    [...new Set(proposals.map((p) => p.convenerOrgId))],
  ])) as { id: string; code: string }[];
  const convenerCode = new Map(conveners.map((o) => [o.id, o.code]));
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const of = <T extends { proposal_id: string }>(rows: T[]) => {
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const group = groups.get(row.proposal_id);
      if (group) group.push(row);
      else groups.set(row.proposal_id, [row]);
    }
    return (id: string) => groups.get(id) ?? [];
  };
  const participantsOf = of(participants);
  const countriesOf = of(countries);
  const objectivesOf = of(objectives);
  const linesOf = of(lines);
  const partnersOf = of(partners);
  return list
    .filter((id) => byId.has(id))
    .map((id) => {
      const proposal = byId.get(id) as Proposal;
      return {
        proposal,
        convenerCode: convenerCode.get(proposal.convenerOrgId) ?? '',
        participants: participantsOf(id).map((r) => ({ id: r.id, code: r.code })),
        countryCodes: countriesOf(id).map((r) => r.code),
        gcmObjectiveCodes: objectivesOf(id).map((r) => Number(r.code)),
        budgetLines: linesOf(id).map((r) => ({
          orgCode: r.org_code,
          categoryCode: Number(r.category_code),
          amount: BigInt(r.amount),
        })),
        nationalPartners: partnersOf(id).map((r) => ({ name: r.name, type: r.type })),
      };
    });
}

export async function loadProposalRecord(manager: EntityManager, id: string): Promise<ProposalRecord | null> {
  const [record] = await loadProposalRecords(manager, [id]);
  return record ?? null;
}

/** What row-level checks need, in one query; null when the proposal does not exist. */
export async function loadAccessFacts(
  manager: EntityManager,
  id: string,
): Promise<ProposalAccessFacts | null> {
  const rows = (await manager.query(
    `SELECT p.status, p.version, p.convener_org_id,
            coalesce(array_agg(po.organization_id) FILTER (WHERE po.organization_id IS NOT NULL), '{}') AS organization_ids
       FROM proposals p LEFT JOIN proposal_organizations po ON po.proposal_id = p.id
      WHERE p.id = $1 GROUP BY p.id`,
    [id],
  )) as {
    status: ProposalAccessFacts['status'];
    version: number;
    convener_org_id: string;
    organization_ids: string[];
  }[];
  if (!rows.length) return null;
  const [row] = rows;
  return {
    status: row.status,
    version: row.version,
    convenerOrgId: row.convener_org_id,
    organizationIds: row.organization_ids,
  };
}
