import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@mptf/identity';
import { offsetOf, positionalParams, sqlRows, SqlRunner } from '@mptf/platform';
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
  page: number;
  pageSize: number;
}

/** The proposal list: filters, full-text search and paging, scoped to what the user may see. */
@Injectable()
export class ProposalSearchRepository {
  /** The ids of one page (best text match first, then newest) and the total. */
  async search(
    db: SqlRunner,
    user: AuthUser,
    query: ProposalQuery,
  ): Promise<{ ids: string[]; total: number }> {
    const params: unknown[] = [];
    const param = positionalParams(params);
    const visible = visibleProposalsCondition(user, 'p', param);
    if (visible === 'false') return { ids: [], total: 0 };
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
    const text = query.q?.trim();
    if (text) {
      const tsquery = `websearch_to_tsquery('english', ${param(text)})`;
      where.push(`p.search @@ ${tsquery}`);
      rank = `ts_rank(p.search, ${tsquery}) DESC, `;
    }
    const whereSql = where.join(' AND ');
    const [{ total }] = await sqlRows<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM proposals p WHERE ${whereSql}`,
      params,
    );
    const rows = await sqlRows<{ id: string }>(
      db,
      `SELECT p.id FROM proposals p WHERE ${whereSql}
        ORDER BY ${rank}p.created_at DESC, p.reference DESC
        LIMIT ${param(query.pageSize)} OFFSET ${param(offsetOf(query))}`,
      params,
    );
    return { ids: rows.map((row) => row.id), total };
  }
}
