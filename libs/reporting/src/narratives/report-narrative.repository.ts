import { Injectable } from '@nestjs/common';
import { sqlRow, sqlRows, SqlRunner } from '@mptf/platform';

export interface NarrativeRevisionRow {
  id: string;
  year: number;
  sectionKey: string;
  revision: number;
  body: string | null;
  omitted: boolean;
  reason: string | null;
  writtenAt: Date;
  writerId: string;
  writerName: string;
}

const COLUMNS = `r.id, r.year, r.section_key AS "sectionKey", r.revision, r.body, r.omitted, r.reason,
  r.written_at AS "writtenAt", u.id AS "writerId", u.name AS "writerName"`;

/** The narrative's revisions (report_narrative_revisions, append-only). */
@Injectable()
export class ReportNarrativeRepository {
  /** Every revision of a year, newest first per section. */
  revisions(db: SqlRunner, year: number): Promise<NarrativeRevisionRow[]> {
    return sqlRows<NarrativeRevisionRow>(
      db,
      `SELECT ${COLUMNS} FROM report_narrative_revisions r JOIN identity_users_v u ON u.id = r.written_by
        WHERE r.year = $1 ORDER BY r.section_key, r.revision DESC`,
      [year],
    );
  }

  /** Serializes writers of one section of one year (the next revision number is theirs). */
  async lockSection(db: SqlRunner, year: number, key: string): Promise<void> {
    await sqlRows(db, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`narrative:${year}:${key}`]);
  }

  async add(
    db: SqlRunner,
    revision: {
      year: number;
      key: string;
      body: string | null;
      omitted: boolean;
      reason: string | null;
      writerId: string;
    },
  ): Promise<NarrativeRevisionRow> {
    const row = await sqlRow<{ id: string }>(
      db,
      `INSERT INTO report_narrative_revisions (year, section_key, revision, body, omitted, reason, written_by)
       SELECT $1, $2, coalesce(max(revision), 0) + 1, $3, $4, $5, $6
         FROM report_narrative_revisions WHERE year = $1 AND section_key = $2
       RETURNING id`,
      [revision.year, revision.key, revision.body, revision.omitted, revision.reason, revision.writerId],
    );
    const [written] = await sqlRows<NarrativeRevisionRow>(
      db,
      `SELECT ${COLUMNS} FROM report_narrative_revisions r JOIN identity_users_v u ON u.id = r.written_by WHERE r.id = $1`,
      [row?.id],
    );
    return written;
  }
}
