import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists' search (q) matches text by part or prefix (LIKE on lower(column)); on the tables
 * that grow without bound these trigram indexes keep it an index scan: contribution references
 * (ledger entries), indicator titles and actuals' narratives, report runs' file names.
 * Programmes are proposals, already covered by ProposalTrigramSearch.
 */
const INDEXES: [name: string, table: string, column: string][] = [
  ['ledger_entries_reference_trgm_idx', 'ledger_entries', 'reference'],
  ['indicators_title_trgm_idx', 'indicators', 'title'],
  ['indicator_actuals_narrative_trgm_idx', 'indicator_actuals', 'narrative'],
  ['report_runs_file_name_trgm_idx', 'report_runs', 'file_name'],
];

export class ListSearchIndexes1765940000000 implements MigrationInterface {
  name = 'ListSearchIndexes1765940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const [name, table, column] of INDEXES)
      await queryRunner.query(`CREATE INDEX ${name} ON ${table} USING gin (lower(${column}) gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await queryRunner.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
