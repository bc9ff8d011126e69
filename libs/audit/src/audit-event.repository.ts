import { Injectable } from '@nestjs/common';
import { BindParam, namedParams, offsetOf, positionalParams, sqlRows, SqlRunner } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

/**
 * `e.entity_id` as a uuid when it is one, else NULL, for joins on the audited entity's primary
 * key. A CASE, so the cast never runs on the ids of other entity types (codes, numbers).
 */
export const AUDIT_ENTITY_UUID =
  "(CASE WHEN e.entity_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN e.entity_id::uuid END)";

/** Which events a reader asks for, and the page. */
export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  page: number;
  pageSize: number;
}

/** The SQL expressions (on the alias `e`) that describe an event for a reader (AuditEventRepository.describe). */
export interface AuditDescriptionSql {
  subject: (bind: BindParam) => string;
  actorName: string;
}

/** One event's row as it is written. */
export interface AuditEventRow {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  correlationId: string | null;
}

/**
 * The INSERT of one event with its values bound through `param`: by `add`, and inside another
 * lib's statement (a data-modifying CTE) when the event and the change it describes can be one
 * round trip (AuditService.write).
 */
export function auditInsertSql(
  event: AuditEventRow,
  param: BindParam,
  onlyIfRowIn?: string,
  afterFromStatement?: string,
): string {
  const after = afterFromStatement
    ? `(coalesce(${param(event.after)}::jsonb, '{}'::jsonb) || ${afterFromStatement})`
    : `${param(event.after)}::jsonb`;
  const values = `${param(event.actorId)}, ${param(event.actorEmail)}, ${param(event.action)}, ${param(event.entityType)},
               ${param(event.entityId)}, ${param(event.before)}::jsonb, ${after}, ${param(event.correlationId)}`;
  return `INSERT INTO audit_events (actor_id, actor_email, action, entity_type, entity_id, before, after, correlation_id)
       ${onlyIfRowIn ? `SELECT ${values} WHERE EXISTS (SELECT 1 FROM ${onlyIfRowIn})` : `VALUES (${values})`}`;
}

/** The append-only audit_events table. */
@Injectable()
export class AuditEventRepository {
  /** One event (plain SQL: every write of the application passes here). */
  async add(db: SqlRunner, event: AuditEventRow): Promise<void> {
    const params: unknown[] = [];
    await sqlRows(db, auditInsertSql(event, positionalParams(params)), params);
  }

  /** One page of the events `scope` allows and the filter picks, newest first, and how many. */
  page(
    manager: EntityManager,
    filter: AuditQuery,
    scope: (bind: BindParam) => string,
  ): Promise<[AuditEvent[], number]> {
    const qb = manager.getRepository(AuditEvent).createQueryBuilder('e');
    const scopeParams: Record<string, unknown> = {};
    qb.where(scope(namedParams(scopeParams, 'scope')), scopeParams);
    if (filter.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    return qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip(offsetOf(filter))
      .take(filter.pageSize)
      .getManyAndCount();
  }

  /**
   * What each of `eventIds` is about and who did it, by SQL expressions on the alias `e` the caller
   * composes from the owners' tables: `subject` (a JSON object, or NULL when the event names no
   * such record) and `actorName` (the actor's name, or NULL: the system, or a user no longer there).
   */
  describe(
    db: SqlRunner,
    eventIds: string[],
    sql: AuditDescriptionSql,
  ): Promise<{ id: string; subject: Record<string, unknown> | null; actorName: string | null }[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    const params: unknown[] = [];
    const bind = positionalParams(params);
    const subject = sql.subject(bind);
    return sqlRows(
      db,
      `SELECT e.id::text AS id, ${subject} AS subject, ${sql.actorName} AS "actorName"
         FROM audit_events e WHERE e.id = ANY(${bind(eventIds)}::bigint[])`,
      params,
    );
  }
}
