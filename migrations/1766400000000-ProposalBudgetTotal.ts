import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The proposal list sorts by total budget and totals it over the whole filtered list (issue 18),
 * at 100,000 proposals: the total is stored on the proposal, not summed from its budget lines on
 * every read.
 *
 * - proposals.budget_total: cents, the budget's total as `computeBudget` (@mptf/common) makes it:
 *   per organization, its direct costs (categories 1–7) plus the indirect rate of them rounded
 *   half away from zero to the cent, summed; at the proposal's own `indirect_rate` (the fund's
 *   rate when a draft was last saved, frozen at submission).
 * - proposal_budget_total(proposal, rate): that sum, the one SQL definition of it.
 * - Kept by triggers, so every writer (the repositories' statements, fixtures, the bench
 *   generator) keeps it true: after any statement that writes budget lines, the proposals it
 *   touched are summed again; a change of a proposal's indirect rate sums it at the new rate.
 * - Indexed for the sort (an index scan with LIMIT, then the tie-break by reference).
 */
export class ProposalBudgetTotal1766400000000 implements MigrationInterface {
  name = 'ProposalBudgetTotal1766400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE proposals ADD COLUMN budget_total bigint NOT NULL DEFAULT 0;

      CREATE FUNCTION proposal_budget_total(proposal uuid, rate numeric) RETURNS bigint
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
          SELECT coalesce(sum(d.direct + round(d.direct * rate)), 0)::bigint
            FROM (SELECT sum(b.amount)::numeric AS direct FROM proposal_budget_lines b
                   WHERE b.proposal_id = proposal AND b.category_code BETWEEN 1 AND 7
                   GROUP BY b.organization_id) d
        $$;

      CREATE FUNCTION proposal_budget_lines_total() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE proposals p SET budget_total = proposal_budget_total(p.id, p.indirect_rate)
           WHERE p.id IN (SELECT proposal_id FROM changed_lines);
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER proposal_budget_lines_inserted AFTER INSERT ON proposal_budget_lines
        REFERENCING NEW TABLE AS changed_lines FOR EACH STATEMENT EXECUTE FUNCTION proposal_budget_lines_total();
      CREATE TRIGGER proposal_budget_lines_updated AFTER UPDATE ON proposal_budget_lines
        REFERENCING NEW TABLE AS changed_lines FOR EACH STATEMENT EXECUTE FUNCTION proposal_budget_lines_total();
      CREATE TRIGGER proposal_budget_lines_deleted AFTER DELETE ON proposal_budget_lines
        REFERENCING OLD TABLE AS changed_lines FOR EACH STATEMENT EXECUTE FUNCTION proposal_budget_lines_total();

      CREATE FUNCTION proposal_rate_total() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.budget_total := proposal_budget_total(NEW.id, NEW.indirect_rate);
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER proposal_rate_changed BEFORE UPDATE OF indirect_rate ON proposals
        FOR EACH ROW WHEN (OLD.indirect_rate IS DISTINCT FROM NEW.indirect_rate)
        EXECUTE FUNCTION proposal_rate_total();

      UPDATE proposals SET budget_total = proposal_budget_total(id, indirect_rate);
      CREATE INDEX proposals_budget_total_idx ON proposals (budget_total);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER proposal_rate_changed ON proposals;
      DROP TRIGGER proposal_budget_lines_deleted ON proposal_budget_lines;
      DROP TRIGGER proposal_budget_lines_updated ON proposal_budget_lines;
      DROP TRIGGER proposal_budget_lines_inserted ON proposal_budget_lines;
      DROP FUNCTION proposal_rate_total();
      DROP FUNCTION proposal_budget_lines_total();
      DROP FUNCTION proposal_budget_total(uuid, numeric);
      DROP INDEX proposals_budget_total_idx;
      ALTER TABLE proposals DROP COLUMN budget_total;
    `);
  }
}
