import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@mptf/identity';
import { likeEscaped, offsetOf, orderByOf, positionalParams, sqlRows, SqlRunner } from '@mptf/platform';
import { ProposalScope, ProposalStage } from '../entities/proposal.entity';
import { ProposalStatus } from '../lifecycle';
import { visibleProposalsCondition } from '../proposals-access';

export interface ProposalQuery {
  status?: ProposalStatus[];
  thematicArea?: number;
  gcmObjective?: number;
  country?: string;
  region?: string;
  organization?: string;
  convener?: string;
  stage?: ProposalStage;
  scope?: ProposalScope;
  q?: string;
  /** `field` or `-field`, several comma-separated (PROPOSAL_SORT_FIELDS). */
  sort?: string;
  page: number;
  pageSize: number;
}

/** What the proposal list sorts by, and the column each sorts on. */
export const PROPOSAL_SORT_FIELDS: Record<string, string> = {
  reference: 'p.reference',
  title: 'lower(p.title)',
  status: 'p.status',
  thematicArea: 'p.thematic_area_code',
  convener: '(SELECT o.code FROM identity_organizations_v o WHERE o.id = p.convener_org_id)',
  durationMonths: 'p.duration_months',
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at',
  submittedAt: 'p.submitted_at',
  /** The stored total (migration ProposalBudgetTotal), so the sort is an index scan at 100,000. */
  totalBudget: 'p.budget_total',
};

/**
 * The proposal list: filters, search and paging, scoped to what the user may see. The search (q)
 * finds a reference, title, country or agency by part or prefix, and a title or country with a
 * typo (pg_trgm word similarity; trigram indexes of migration ProposalTrigramSearch), besides the
 * full-text match of title and summary.
 */
@Injectable()
export class ProposalSearchRepository {
  /**
   * The ids of one page (best text match first, then newest), the count and the sum of the
   * budgets' totals (cents) of the whole filtered list.
   */
  async search(
    db: SqlRunner,
    user: AuthUser,
    query: ProposalQuery,
  ): Promise<{ ids: string[]; total: number; budgetTotal: bigint }> {
    const params: unknown[] = [];
    const param = positionalParams(params);
    const visible = visibleProposalsCondition(user, 'p', param);
    if (visible === 'false') return { ids: [], total: 0, budgetTotal: 0n };
    const where: string[] = [visible];

    if (query.status?.length) where.push(`p.status = ANY(${param(query.status)})`);
    if (query.thematicArea !== undefined) where.push(`p.thematic_area_code = ${param(query.thematicArea)}`);
    if (query.stage) where.push(`p.stage = ${param(query.stage)}`);
    if (query.scope) where.push(`p.scope = ${param(query.scope)}`);
    if (query.gcmObjective !== undefined)
      where.push(
        `EXISTS (SELECT 1 FROM proposal_objectives fo WHERE fo.proposal_id = p.id AND fo.gcm_objective_code = ${param(query.gcmObjective)})`,
      );
    if (query.country)
      where.push(
        `EXISTS (SELECT 1 FROM proposal_countries fc WHERE fc.proposal_id = p.id AND fc.country_code = ${param(query.country)})`,
      );
    if (query.region)
      where.push(
        `EXISTS (SELECT 1 FROM proposal_countries rc JOIN reference_countries_v c ON c.code = rc.country_code
                  WHERE rc.proposal_id = p.id AND (lower(c.region) = lower(${param(query.region)}) OR c.region_code = ${param(query.region)}))`,
      );
    if (query.organization) {
      const code = param(query.organization);
      where.push(
        `(EXISTS (SELECT 1 FROM proposal_organizations fp JOIN identity_organizations_v o ON o.id = fp.organization_id
                   WHERE fp.proposal_id = p.id AND o.code = ${code})
          OR p.convener_org_id = (SELECT id FROM identity_organizations_v WHERE code = ${code}))`,
      );
    }
    if (query.convener)
      where.push(
        `p.convener_org_id = (SELECT id FROM identity_organizations_v WHERE code = ${param(query.convener)})`,
      );
    let rank = '';
    const text = query.q?.trim().toLowerCase();
    if (text) {
      const term = param(text);
      const contains = param(`%${likeEscaped(text)}%`);
      const prefix = param(`${likeEscaped(text)}%`);
      where.push(
        `(lower(p.reference) LIKE ${contains} OR lower(p.title) LIKE ${contains} OR ${term} <% lower(p.title)
          OR p.search @@ websearch_to_tsquery('english', ${term})
          OR p.id IN (SELECT sc.proposal_id FROM proposal_countries sc JOIN reference_countries_v c ON c.code = sc.country_code
                       WHERE lower(c.name) LIKE ${prefix} OR lower(c.code) = ${term} OR ${term} <% lower(c.name))
          OR p.id IN (SELECT so.proposal_id FROM proposal_organizations so JOIN identity_organizations_v o ON o.id = so.organization_id
                       WHERE lower(o.code) = ${term} OR lower(o.name) LIKE ${prefix} OR lower(o.acronym) = ${term}
                          OR ${term} <% lower(o.name)))`,
      );
      rank = `greatest(similarity(${term}, lower(p.reference)), word_similarity(${term}, lower(p.title))) DESC, `;
    }
    const sorted = orderByOf(query.sort, PROPOSAL_SORT_FIELDS);
    const order = sorted.length
      ? `${sorted.join(', ')}, p.reference DESC`
      : `${rank}p.created_at DESC, p.reference DESC`;
    const whereSql = where.join(' AND ');
    const [{ total, budget_total }] = await sqlRows<{ total: number; budget_total: string }>(
      db,
      `SELECT count(*)::int AS total, coalesce(sum(p.budget_total), 0)::text AS budget_total
         FROM proposals p WHERE ${whereSql}`,
      params,
    );
    const rows = await sqlRows<{ id: string }>(
      db,
      `SELECT p.id FROM proposals p WHERE ${whereSql}
        ORDER BY ${order}
        LIMIT ${param(query.pageSize)} OFFSET ${param(offsetOf(query))}`,
      params,
    );
    return { ids: rows.map((row) => row.id), total, budgetTotal: BigInt(budget_total) };
  }
}
