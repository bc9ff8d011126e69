import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decision packs as the Steering Committee saw them (issue 17). `sc_meetings.agenda_set_at` is
 * the moment the pack is composed as of (funds, portfolio, pipeline): set when the meeting is
 * created and moved whenever the agenda is set again. `sc_meeting_packs` keeps the pack once the
 * meeting decides (its first decision), so a decided pack regenerates with the same figures.
 */
export class MeetingPackSnapshots1765810000000 implements MigrationInterface {
  name = 'MeetingPackSnapshots1765810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE sc_meetings ADD COLUMN agenda_set_at timestamptz;
      UPDATE sc_meetings SET agenda_set_at = created_at;
      ALTER TABLE sc_meetings ALTER COLUMN agenda_set_at SET NOT NULL,
                              ALTER COLUMN agenda_set_at SET DEFAULT now();

      CREATE TABLE sc_meeting_packs (
        meeting_id uuid PRIMARY KEY REFERENCES sc_meetings(id),
        as_of timestamptz NOT NULL,
        pack jsonb NOT NULL,
        kept_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE FUNCTION sc_meeting_packs_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a kept decision pack is never changed' USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER sc_meeting_packs_kept BEFORE UPDATE OR DELETE ON sc_meeting_packs
        FOR EACH ROW EXECUTE FUNCTION sc_meeting_packs_kept();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE sc_meeting_packs;
      DROP FUNCTION sc_meeting_packs_kept();
      ALTER TABLE sc_meetings DROP COLUMN agenda_set_at;
    `);
  }
}
