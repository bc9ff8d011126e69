import { Pool } from 'pg';
import { CapturedQuery } from './captured-sql';

/**
 * The review queue as one SQL statement over raw `pg`, the baseline of GET /review-queue
 * (architecture.md: proposals under review, not recused, not yet reviewed by me, ordered by due
 * date). The review module is built elsewhere, so its tables are found by their columns: a
 * reviews table (proposal_id + reviewer/member/user id) and a conflicts table, each left out of
 * the statement when absent. Recusal by organization uses the PUNOs. The page is 50 rows.
 */
export async function reviewQueueSql(pool: Pool, email: string, pageSize = 50): Promise<CapturedQuery> {
  const { rows: users } = await pool.query<{ id: string; organization_id: string | null }>(
    'SELECT id, organization_id FROM users WHERE email = $1',
    [email],
  );
  const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND (table_name LIKE '%review%' OR table_name LIKE '%conflict%' OR table_name LIKE '%recus%')`,
  );
  const tables = new Map<string, Set<string>>();
  for (const row of columns) {
    if (!tables.has(row.table_name)) tables.set(row.table_name, new Set());
    tables.get(row.table_name)?.add(row.column_name);
  }
  const personColumn = (names: Set<string>) =>
    ['reviewer_id', 'member_id', 'user_id', 'declared_by'].find((name) => names.has(name));
  const find = (match: (name: string) => boolean) =>
    [...tables.entries()].find(
      ([name, names]) => match(name) && names.has('proposal_id') && personColumn(names),
    );
  const reviews = find((name) => /reviews?$/.test(name) && !name.includes('criteria'));
  const conflicts = find((name) => name.includes('conflict') || name.includes('recus'));
  const conditions = [
    `p.status = 'UNDER_REVIEW'`,
    `NOT EXISTS (SELECT 1 FROM proposal_organizations po WHERE po.proposal_id = p.id AND po.organization_id = $2)`,
  ];
  for (const table of [reviews, conflicts]) {
    if (!table) continue;
    conditions.push(
      `NOT EXISTS (SELECT 1 FROM ${table[0]} x WHERE x.proposal_id = p.id AND x.${personColumn(table[1])} = $1)`,
    );
  }
  return {
    sql: `SELECT p.id, p.reference, p.title, p.thematic_area_code, p.review_due_date,
                 (SELECT sum(b.amount) + sum(round(b.amount * p.indirect_rate)) FROM proposal_budget_lines b
                   WHERE b.proposal_id = p.id)::text AS total,
                 count(*) OVER () AS total_count
            FROM proposals p
           WHERE ${conditions.join(' AND ')}
           ORDER BY p.review_due_date, p.id
           LIMIT ${pageSize}`,
    params: [users[0]?.id, users[0]?.organization_id],
  };
}
