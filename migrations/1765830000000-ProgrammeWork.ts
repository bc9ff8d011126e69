import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programme work after approval (lib `programmes`): the reporting calendar (obligations), narrative
 * progress reports with their sections and submitted versions, and programme revisions with the
 * version each approval puts in force. The fund settings gain the calendar's and the revisions'
 * thresholds (MPTF Office practice: narrative by 31 March, final narrative 3 months and final
 * financial 6 months after operational closure; fund unit approves moves up to 20 %, extensions up
 * to 6 months, one per year).
 */
export class ProgrammeWork1765830000000 implements MigrationInterface {
  name = 'ProgrammeWork1765830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE fund_settings
        ADD COLUMN narrative_report_deadline text NOT NULL DEFAULT '03-31'
          CHECK (narrative_report_deadline ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
        ADD COLUMN final_narrative_months smallint NOT NULL DEFAULT 3 CHECK (final_narrative_months BETWEEN 0 AND 24),
        ADD COLUMN final_financial_months smallint NOT NULL DEFAULT 6 CHECK (final_financial_months BETWEEN 0 AND 24),
        ADD COLUMN revision_max_move_rate numeric(6,4) NOT NULL DEFAULT 0.20 CHECK (revision_max_move_rate BETWEEN 0 AND 1),
        ADD COLUMN revision_max_extension_months smallint NOT NULL DEFAULT 6 CHECK (revision_max_extension_months BETWEEN 0 AND 60),
        ADD COLUMN revisions_per_year_by_fund_unit smallint NOT NULL DEFAULT 1 CHECK (revisions_per_year_by_fund_unit BETWEEN 0 AND 12);

      CREATE TABLE reporting_obligations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        kind text NOT NULL CHECK (kind IN ('ANNUAL_NARRATIVE','ANNUAL_FINANCIAL','FINAL_NARRATIVE','FINAL_FINANCIAL')),
        year integer,
        organization_id uuid REFERENCES organizations(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        due_date date NOT NULL,
        -- No longer expected (e.g. a year after an early closure); kept, never deleted.
        cancelled_at timestamptz,
        -- The day its agency was told it falls due within 14 days, and that it is overdue (once each).
        due_notified_on date,
        overdue_notified_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind IN ('ANNUAL_FINANCIAL','FINAL_FINANCIAL')) = (organization_id IS NOT NULL)),
        CHECK ((kind LIKE 'ANNUAL%') = (year IS NOT NULL))
      );
      CREATE UNIQUE INDEX reporting_obligations_one_per_kind ON reporting_obligations
        (proposal_id, kind, coalesce(year, 0), coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid));
      CREATE INDEX reporting_obligations_due ON reporting_obligations (due_date) WHERE cancelled_at IS NULL;

      -- The date (the application's clock) a programme closed operationally: the final reports count from it.
      CREATE TABLE programme_operational_closures (
        proposal_id uuid PRIMARY KEY REFERENCES proposals(id),
        closed_on date NOT NULL
      );

      CREATE TABLE progress_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        obligation_id uuid NOT NULL UNIQUE REFERENCES reporting_obligations(id),
        status text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','RETURNED','ACCEPTED')),
        -- Number of submissions so far; each is kept in progress_report_versions.
        version integer NOT NULL DEFAULT 0,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        first_submitted_on date,
        accepted_on date
      );
      CREATE INDEX progress_reports_programme ON progress_reports (proposal_id);

      CREATE TABLE progress_report_sections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES progress_reports(id),
        result_key text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        progress text NOT NULL DEFAULT '',
        challenges text NOT NULL DEFAULT '',
        adjustments text NOT NULL DEFAULT '',
        gender_human_rights text NOT NULL DEFAULT '',
        story text NOT NULL DEFAULT '',
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (report_id, result_key, organization_id)
      );

      CREATE TABLE progress_report_versions (
        report_id uuid NOT NULL REFERENCES progress_reports(id),
        version integer NOT NULL,
        content jsonb NOT NULL,
        submitted_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        outcome text CHECK (outcome IN ('ACCEPTED','RETURNED')),
        review_comment text,
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        PRIMARY KEY (report_id, version)
      );

      CREATE TABLE programme_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        number integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('NO_COST_EXTENSION','BUDGET_REVISION','COST_EXTENSION')),
        status text NOT NULL CHECK (status IN ('SUBMITTED','APPROVED','REJECTED')),
        route text NOT NULL CHECK (route IN ('FUND_UNIT','COMMITTEE')),
        route_reasons jsonb NOT NULL DEFAULT '[]',
        justification text NOT NULL,
        proposed jsonb NOT NULL,
        before_version jsonb NOT NULL,
        after_version jsonb NOT NULL,
        additional_allocations jsonb NOT NULL DEFAULT '[]',
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        meeting_id uuid REFERENCES sc_meetings(id),
        decided_by uuid REFERENCES users(id),
        decided_as text CHECK (decided_as IN ('FUND_UNIT','CHAIR','ACTING_CHAIR')),
        decided_on date,
        decision_comment text,
        UNIQUE (proposal_id, number)
      );
      CREATE UNIQUE INDEX programme_revisions_one_open ON programme_revisions (proposal_id) WHERE status = 'SUBMITTED';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE programme_revisions;
      DROP TABLE progress_report_versions;
      DROP TABLE progress_report_sections;
      DROP TABLE progress_reports;
      DROP TABLE programme_operational_closures;
      DROP TABLE reporting_obligations;
      ALTER TABLE fund_settings
        DROP COLUMN narrative_report_deadline, DROP COLUMN final_narrative_months,
        DROP COLUMN final_financial_months, DROP COLUMN revision_max_move_rate,
        DROP COLUMN revision_max_extension_months, DROP COLUMN revisions_per_year_by_fund_unit;
    `);
  }
}
