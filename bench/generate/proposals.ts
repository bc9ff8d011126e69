import { Client } from 'pg';
import { PortfolioSize } from './portfolio-size';

/** Proposals with their PUNOs, budgets, countries, objectives, revisions and timelines, one batch at a time. */
export async function insertProposals(
  db: Client,
  from: number,
  to: number,
  size: PortfolioSize,
): Promise<void> {
  const range = [from, to];
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO proposals (id, reference, title, summary, stage, scope, thematic_area_code, convener_org_id,
            duration_months, marker_gender, marker_human_rights, marker_child_sensitivity, government_endorsed,
            government_endorsement_date, status, version, review_due_date, start_date, submitted_at, created_by,
            created_at, updated_at, indirect_rate)
     SELECT p.id, 'MIG-' || p.y || '-' || lpad(p.n::text, 6, '0'),
            'Joint programme ' || p.n || ': ' || ta.short_title || ' with ' || o.code,
            'Participating UN organizations led by ' || o.code || ' work with governments and communities on '
              || lower(ta.title) || '. Generated for the benchmarks.',
            CASE WHEN p.programme OR p.status IN ('PIPELINE','REJECTED','REVISION_REQUESTED') THEN 'FULL_PROPOSAL'
                 ELSE 'CONCEPT_NOTE' END,
            p.scope, p.area, o.id, 12 + pg_temp.rnd(p.n, 12, 25),
            2 + pg_temp.rnd(p.n, 13, 2), 2 + pg_temp.rnd(p.n, 14, 2), 1 + pg_temp.rnd(p.n, 15, 3),
            CASE WHEN p.scope = 'NATIONAL' THEN true END,
            CASE WHEN p.scope = 'NATIONAL' THEN p.created::date END,
            p.status, CASE WHEN p.status = 'DRAFT' THEN 0 ELSE 1 END,
            CASE WHEN p.status = 'UNDER_REVIEW' THEN date '2026-12-01' + pg_temp.rnd(p.n, 9, 120) END,
            p.start_date,
            CASE WHEN p.status <> 'DRAFT' THEN p.created + interval '10 days' END,
            creator.id, p.created, p.created + interval '10 days', 0.07
       FROM g_plan p
       JOIN g_orgs o ON o.idx = p.c0
       JOIN thematic_areas ta ON ta.code = p.area
       JOIN g_users creator ON creator.email = 'iom.focal@mptf.test'
      WHERE p.n BETWEEN $1 AND $2`,
    range,
  );
  await db.query(
    `INSERT INTO proposal_organizations (proposal_id, organization_id, position)
     SELECT p.id, o.id, j
       FROM g_plan p CROSS JOIN generate_series(0, $3 - 1) j
       JOIN g_orgs o ON o.idx = (p.c0 + j) % (SELECT count(*) FROM g_orgs)
      WHERE p.n BETWEEN $1 AND $2`,
    [...range, size.punosPerProgramme],
  );
  // Categories 1 (60 %), 4 (30 %) and one of 2, 5, 7 (the rest) per PUNO; 8 is computed.
  await db.query(
    `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
     SELECT p.id, o.id, c.code,
            CASE c.slot WHEN 0 THEN d.direct * 6 / 10 WHEN 1 THEN d.direct * 3 / 10
                        ELSE d.direct - d.direct * 6 / 10 - d.direct * 3 / 10 END
       FROM g_plan p CROSS JOIN generate_series(0, $3 - 1) j
       JOIN g_orgs o ON o.idx = (p.c0 + j) % (SELECT count(*) FROM g_orgs)
       CROSS JOIN LATERAL (SELECT pg_temp.direct(p.n, j) AS direct) d
       CROSS JOIN LATERAL (VALUES (0, 1), (1, 4), (2, (ARRAY[2, 5, 7])[1 + pg_temp.rnd(p.n, 17, 3)])) AS c(slot, code)
      WHERE p.n BETWEEN $1 AND $2`,
    [...range, size.punosPerProgramme],
  );
  await db.query(
    `INSERT INTO proposal_countries (proposal_id, country_code)
     SELECT p.id, c.code
       FROM g_plan p
       CROSS JOIN LATERAL generate_series(0, CASE p.scope WHEN 'NATIONAL' THEN 0 WHEN 'REGIONAL' THEN 2 ELSE -1 END) j
       JOIN g_countries c ON c.idx = (p.country0 + j) % (SELECT count(*) FROM g_countries)
      WHERE p.n BETWEEN $1 AND $2`,
    range,
  );
  // Two objectives of the primary thematic area (eligibility needs one mapped to it).
  await db.query(
    `INSERT INTO proposal_objectives (proposal_id, gcm_objective_code)
     SELECT p.id, ao.objective
       FROM g_plan p CROSS JOIN generate_series(0, 1) j
       JOIN g_area_objectives ao ON ao.area = p.area
        AND ao.idx = (pg_temp.rnd(p.n, 16, ao.total) + j) % ao.total
      WHERE p.n BETWEEN $1 AND $2`,
    range,
  );
  await db.query(
    `INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id, comment, occurred_at)
     SELECT p.id, g.from_status, g.to_status, u.id,
            CASE WHEN g.to_status = 'SUBMITTED' THEN 'Revision 1 submitted' END,
            CASE g.days WHEN -1 THEN p.approval::timestamptz WHEN -2 THEN p.start_date::timestamptz
                        WHEN -3 THEN (p.start_date + 700)::timestamptz WHEN -4 THEN (p.start_date + 800)::timestamptz
                        ELSE p.created + make_interval(days => g.days) END + make_interval(secs => g.step)
       FROM g_plan p JOIN g_paths g ON g.status = p.status JOIN g_users u ON u.email = g.actor
      WHERE p.n BETWEEN $1 AND $2`,
    range,
  );
  await db.query(
    `INSERT INTO proposal_revisions (proposal_id, version, snapshot, submitted_at, submitted_by)
     SELECT pr.id, 1,
            jsonb_build_object(
              'reference', pr.reference, 'title', pr.title, 'summary', pr.summary, 'stage', pr.stage,
              'scope', pr.scope, 'thematicAreaCode', pr.thematic_area_code,
              'countryCodes', coalesce((SELECT jsonb_agg(trim(country_code) ORDER BY country_code)
                                          FROM proposal_countries WHERE proposal_id = pr.id), '[]'::jsonb),
              'gcmObjectiveCodes', (SELECT jsonb_agg(gcm_objective_code ORDER BY gcm_objective_code)
                                      FROM proposal_objectives WHERE proposal_id = pr.id),
              'convenerCode', o.code,
              'participatingOrgCodes', (SELECT jsonb_agg(x.code ORDER BY po.position) FROM proposal_organizations po
                                          JOIN organizations x ON x.id = po.organization_id WHERE po.proposal_id = pr.id),
              'durationMonths', pr.duration_months,
              'markers', jsonb_build_object('gender', pr.marker_gender, 'humanRights', pr.marker_human_rights,
                                            'childSensitivity', pr.marker_child_sensitivity),
              'governmentEndorsement', CASE WHEN pr.government_endorsed IS NULL THEN 'null'::jsonb
                 ELSE jsonb_build_object('endorsed', pr.government_endorsed,
                                         'date', to_char(pr.government_endorsement_date, 'YYYY-MM-DD')) END,
              'nationalPartners', '[]'::jsonb,
              'budgetLines', (SELECT jsonb_agg(jsonb_build_object('orgCode', x.code, 'categoryCode', b.category_code,
                                                                  'amount', pg_temp.money(b.amount))
                                               ORDER BY x.code, b.category_code)
                                FROM proposal_budget_lines b JOIN organizations x ON x.id = b.organization_id
                               WHERE b.proposal_id = pr.id),
              'indirectRate', '0.0700',
              'documents', '[]'::jsonb),
            pr.submitted_at, pr.created_by
       FROM proposals pr JOIN g_plan p ON p.id = pr.id JOIN organizations o ON o.id = pr.convener_org_id
      WHERE p.n BETWEEN $1 AND $2 AND pr.version >= 1`,
    range,
  );
  await db.query('COMMIT');
}
