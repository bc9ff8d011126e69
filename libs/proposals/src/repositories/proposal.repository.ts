import { Injectable } from '@nestjs/common';
import type { AuditWrite } from '@mptf/audit';
import { OrganizationType } from '@mptf/identity';
import { entityColumns, hydrateEntities, positionalParams, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { ProposalDocument } from '../entities/proposal-document.entity';
import { Proposal, ProposalScope, ProposalStage } from '../entities/proposal.entity';
import { ProposalStatus } from '../lifecycle';
import { ProposalAccessFacts } from '../proposals-access';
import { ProposalRecord } from '../proposal.view';
import {
  PART_TABLES,
  ProposalPartName,
  ProposalParts,
  RecordRow,
  recordPartsSql,
  STORED_PARTS,
  toRecords,
  WRITTEN_PARTS,
} from './proposal-parts.sql';

/** What agencies write on the proposal row itself (the rest of the row is lifecycle state). */
export interface ProposalContent {
  title: string;
  summary: string;
  stage: ProposalStage;
  scope: ProposalScope;
  thematicAreaCode: number;
  convenerOrgId: string;
  durationMonths: number;
  markerGender: number;
  markerHumanRights: number;
  markerChildSensitivity: number;
  governmentEndorsed: boolean | null;
  governmentEndorsementDate: string | null;
  /** The rate the budget is shown at while editable (frozen again at submission). */
  indirectRate: string;
}

export interface NewProposal {
  id: string;
  /** The year whose sequence numbers the reference, MIG-<year>-<NNNN>. */
  year: number;
  createdBy: string;
  content: ProposalContent;
}

/** Which reference codes and organizations exist, for the codes an input names. */
export interface KnownCodes {
  areas: number[];
  objectives: number[];
  countries: string[];
  organizations: { id: string; code: string; type: string }[];
  /** The fund's current indirect-cost rate (a decimal string), read in the same statement; null without settings. */
  indirectRate: string | null;
}

/** The proposal aggregate's rows: the proposal, its child rows, and the record read back whole. */
@Injectable()
export class ProposalRepository {
  /**
   * A new proposal, its child rows and its first timeline entry in one statement, returning the
   * record as stored. The children's foreign keys are checked at the end of the statement, when
   * the proposal row exists. The reference comes from the year's sequence (migration
   * ProposalReferenceSequences). `audit`: the creation's event, written by the same statement
   * (so it needs no transaction of its own), its `after` completed with the reference and times
   * the statement makes.
   */
  async insert(
    manager: EntityManager,
    proposal: NewProposal,
    parts: ProposalParts,
    audit?: AuditWrite,
  ): Promise<ProposalRecord> {
    const params: unknown[] = [];
    const param = positionalParams(params);
    const id = param(proposal.id);
    const status = param(ProposalStatus.DRAFT);
    const actor = param(proposal.createdBy);
    const reference = `next_proposal_reference(${param(proposal.year)})`;
    const content = contentColumns(manager, proposal.content);
    const values = content.map(([, value]) => param(value));
    const writes = Object.values(PART_TABLES).map(
      (part) => `${part.cte} AS (${part.insert(parts, id, param)})`,
    );
    const rows = await sqlRows<RecordRow>(
      manager,
      `WITH p AS (
         INSERT INTO proposals (id, reference, ${content.map(([column]) => column).join(', ')}, status, version, created_by)
         VALUES (${id}, ${reference}, ${values.join(', ')}, ${status}, 0, ${actor})
         RETURNING *
       ), ${writes.join(', ')}, timeline AS (
         -- Creation opens the timeline; later steps are written by ProposalStatusService.
         INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id)
         VALUES (${id}, NULL, ${status}, ${actor})
       )${audit ? `, audited AS (${audit.sql(param, undefined, MADE_BY_INSERT)})` : ''}
       SELECT ${entityColumns(manager, Proposal, 'p')}, ${recordPartsSql(WRITTEN_PARTS)} FROM p`,
      params,
    );
    return toRecords(manager, rows)[0];
  }

  /**
   * New content for the row, and the named child lists replaced: deleted with the row's update in
   * one statement, written again as `insert` writes them in a second.
   */
  async update(
    manager: EntityManager,
    proposalId: string,
    content: ProposalContent,
    updatedAt: Date,
    parts: ProposalParts,
    replace: readonly ProposalPartName[],
  ): Promise<void> {
    const params: unknown[] = [];
    const param = positionalParams(params);
    const id = param(proposalId);
    const assignments = contentColumns(manager, content).map(
      ([column, value]) => `${column} = ${param(value)}`,
    );
    const deletes = replace.map(
      (name) =>
        `${PART_TABLES[name].cte} AS (DELETE FROM ${PART_TABLES[name].table} WHERE proposal_id = ${id})`,
    );
    await sqlRows(
      manager,
      `WITH ${[
        `updated AS (UPDATE proposals SET ${assignments.join(', ')}, updated_at = ${param(updatedAt)} WHERE id = ${id} RETURNING id)`,
        ...deletes,
      ].join(', ')}
       SELECT id FROM updated`,
      params,
    );
    if (replace.length === 0) return;
    const insertParams: unknown[] = [];
    const bind = positionalParams(insertParams);
    const proposal = bind(proposalId);
    const writes = replace.map(
      (name) => `${PART_TABLES[name].cte} AS (${PART_TABLES[name].insert(parts, proposal, bind)})`,
    );
    await sqlRows(manager, `WITH ${writes.join(', ')} SELECT 1`, insertParams);
  }

  /** Proposals with their PUNOs, tags, budget lines and partners, in `ids` order (missing ones left out). */
  async records(
    manager: EntityManager,
    ids: readonly string[],
    options: { lock?: boolean } = {},
  ): Promise<ProposalRecord[]> {
    if (ids.length === 0) return [];
    const list = [...ids];
    // One proposal by `= $1`: with `= ANY($1)` PostgreSQL planned the statement again on every call
    // (it cannot tell an array's length), 0.6 ms of each submission.
    const [condition, param] = list.length === 1 ? ['p.id = $1', list[0]] : ['p.id = ANY($1)', list];
    const rows = await sqlRows<RecordRow>(
      manager,
      `SELECT ${entityColumns(manager, Proposal, 'p')}, ${recordPartsSql(STORED_PARTS)}
         FROM proposals p WHERE ${condition}${options.lock ? ' FOR UPDATE OF p' : ''}`,
      [param],
    );
    const byId = new Map(toRecords(manager, rows).map((record) => [record.proposal.id, record]));
    return list.flatMap((id) => byId.get(id) ?? []);
  }

  async record(manager: EntityManager, id: string): Promise<ProposalRecord | null> {
    const [record] = await this.records(manager, [id]);
    return record ?? null;
  }

  /**
   * The record with its row locked for the rest of the transaction (as ProposalStatusService.lock
   * locks it), in one statement: a lock and then a read were two round trips on every submit.
   */
  async lockedRecord(manager: EntityManager, id: string): Promise<ProposalRecord | null> {
    const [record] = await this.records(manager, [id], { lock: true });
    return record ?? null;
  }

  /** What row-level checks need, in one statement; null when the proposal does not exist. */
  accessFacts(db: SqlRunner, id: string): Promise<ProposalAccessFacts | null> {
    return sqlRow<ProposalAccessFacts>(
      db,
      `SELECT p.status, p.version, p.convener_org_id AS "convenerOrgId",
              coalesce(array_agg(po.organization_id) FILTER (WHERE po.organization_id IS NOT NULL), '{}')
                AS "organizationIds"
         FROM proposals p LEFT JOIN proposal_organizations po ON po.proposal_id = p.id
        WHERE p.id = $1 GROUP BY p.id`,
      [id],
    );
  }

  /**
   * The codes of an input that exist in reference data and identity, in one statement. Numeric
   * comparisons: any number the DTO lets through is simply unknown, never a cast error.
   */
  async knownCodes(
    db: SqlRunner,
    codes: {
      thematicAreaCode: number | null;
      gcmObjectiveCodes: number[];
      countryCodes: string[];
      orgCodes: string[];
    },
  ): Promise<KnownCodes> {
    const [known] = await sqlRows<KnownCodes>(
      db,
      `SELECT
         (SELECT coalesce(array_agg(code), '{}') FROM reference_thematic_areas_v WHERE code::numeric = $1::numeric) AS areas,
         (SELECT coalesce(array_agg(code), '{}') FROM reference_gcm_objectives_v WHERE code::numeric = ANY($2::numeric[])) AS objectives,
         (SELECT coalesce(array_agg(code::text), '{}') FROM reference_countries_v WHERE code = ANY($3)) AS countries,
         (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'type', type)), '[]')
            FROM identity_organizations_v WHERE code = ANY($4)) AS organizations,
         (SELECT indirect_rate::text FROM reference_fund_rates_v) AS "indirectRate"`,
      [codes.thematicAreaCode, codes.gcmObjectiveCodes, codes.countryCodes, codes.orgCodes],
    );
    return known;
  }

  /** The thematic area's GCM objectives and which of `orgCodes` are UN entities, in one statement. */
  async eligibilityFacts(
    db: SqlRunner,
    thematicAreaCode: number,
    orgCodes: string[],
  ): Promise<{ areaObjectiveCodes: number[]; unEntityCodes: Set<string> }> {
    const [row] = await sqlRows<{ area_objectives: number[]; un_codes: string[] }>(
      db,
      `SELECT
         (SELECT coalesce(array_agg(gcm_objective_code ORDER BY gcm_objective_code), '{}')
            FROM reference_area_objectives_v WHERE thematic_area_code = $1) AS area_objectives,
         (SELECT coalesce(array_agg(code), '{}') FROM identity_organizations_v WHERE code = ANY($2) AND type = $3) AS un_codes`,
      [thematicAreaCode, orgCodes, OrganizationType.UN_ENTITY],
    );
    return { areaObjectiveCodes: row.area_objectives.map(Number), unEntityCodes: new Set(row.un_codes) };
  }

  /**
   * What submitting a locked proposal reads besides its record, in one statement (it was three):
   * the attached documents (oldest first), the thematic area's GCM objectives, which of `orgCodes`
   * are UN entities, and `selected`, an expression of another lib read beside them (the fund
   * settings, `ReferenceService.fundSettingsRead`). Sent after the lock, so it sees every change
   * committed before the lock was granted.
   */
  async submissionFacts(
    manager: EntityManager,
    proposalId: string,
    thematicAreaCode: number,
    orgCodes: string[],
    selected: string,
  ): Promise<{
    documents: ProposalDocument[];
    areaObjectiveCodes: number[];
    unEntityCodes: Set<string>;
    selected: unknown;
  }> {
    const [row] = await sqlRows<{
      documents: Record<string, unknown>[];
      area_objectives: number[];
      un_codes: string[];
      selected: unknown;
    }>(
      manager,
      `SELECT
         (SELECT coalesce(json_agg(to_jsonb(d) ORDER BY d.uploaded_at, d.id), '[]')
            FROM proposal_documents d WHERE d.proposal_id = $1) AS documents,
         (SELECT coalesce(array_agg(gcm_objective_code ORDER BY gcm_objective_code), '{}')
            FROM reference_area_objectives_v WHERE thematic_area_code = $2) AS area_objectives,
         (SELECT coalesce(array_agg(code), '{}') FROM identity_organizations_v WHERE code = ANY($3) AND type = $4) AS un_codes,
         ${selected} AS selected`,
      [proposalId, thematicAreaCode, orgCodes, OrganizationType.UN_ENTITY],
    );
    return {
      documents: hydrateEntities(manager, ProposalDocument, row.documents),
      areaObjectiveCodes: row.area_objectives.map(Number),
      unEntityCodes: new Set(row.un_codes),
      selected: row.selected,
    };
  }

  /** Kinds of the documents attached to the proposal. */
  async documentKinds(db: SqlRunner, proposalId: string): Promise<string[]> {
    const rows = await sqlRows<{ kind: string }>(
      db,
      'SELECT DISTINCT kind FROM proposal_documents WHERE proposal_id = $1',
      [proposalId],
    );
    return rows.map((row) => row.kind);
  }
}

/** A time as `Date.toISOString` writes it (the pg driver's Dates keep milliseconds, truncated). */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What the insert makes of a new proposal's view: its reference and times, from the row `p`. */
const MADE_BY_INSERT = `(SELECT jsonb_build_object('reference', reference, 'createdAt', ${iso('created_at')},
                                 'updatedAt', ${iso('updated_at')}) FROM p)`;

/** The content as [column, value] pairs, columns named by the entity's metadata. */
function contentColumns(manager: EntityManager, content: ProposalContent): [string, unknown][] {
  const metadata = manager.connection.getMetadata(Proposal);
  return Object.entries(content).map(([property, value]) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`Proposal has no column for ${property}`);
    return [column.databaseName, value];
  });
}
