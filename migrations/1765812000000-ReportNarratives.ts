import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consolidated report's narrative (issue 17), owned by reporting: per reporting year and
 * section, every revision the fund unit wrote, append-only. A revision either has a body or says
 * the section is left out, with the reason; the latest revision is the section's current text.
 */
export class ReportNarratives1765812000000 implements MigrationInterface {
  name = 'ReportNarratives1765812000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_narrative_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        section_key text NOT NULL CHECK (section_key ~ '^[a-z0-9-]{1,40}$'),
        revision integer NOT NULL CHECK (revision >= 1),
        body text CHECK (body IS NULL OR char_length(body) <= 50000),
        omitted boolean NOT NULL DEFAULT false,
        reason text CHECK (reason IS NULL OR char_length(reason) <= 2000),
        written_by uuid NOT NULL REFERENCES users(id),
        written_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (year, section_key, revision),
        CHECK ((omitted AND body IS NULL AND char_length(btrim(reason)) > 0)
            OR (NOT omitted AND reason IS NULL AND char_length(btrim(body)) > 0))
      );
      CREATE FUNCTION report_narrative_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'narrative revisions are kept: write a new revision' USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER report_narrative_revisions_append_only BEFORE UPDATE OR DELETE ON report_narrative_revisions
        FOR EACH ROW EXECUTE FUNCTION report_narrative_revisions_append_only();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE report_narrative_revisions;
      DROP FUNCTION report_narrative_revisions_append_only();
    `);
  }
}
