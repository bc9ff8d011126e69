import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BindParam, namedParams, offsetOf, Page, pageOf, RequestContext } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditActor {
  id: string | null;
  email: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/**
 * Which events a reader may see, as one SQL condition on the audit_events alias `e` (each entity
 * type's own visibility; see apps/api's audit-visibility.ts). Required by every read, so no read
 * of the trail goes unscoped; an entity type the scope does not name is seen by nobody.
 */
export type AuditScope = (bind: BindParam) => string;

/**
 * `e.entity_id` as a uuid when it is one, else NULL, for joins on the audited entity's primary
 * key. A CASE, so the cast never runs on the ids of other entity types (codes, numbers).
 */
export const AUDIT_ENTITY_UUID =
  "(CASE WHEN e.entity_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN e.entity_id::uuid END)";

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  page: number;
  pageSize: number;
}

/** JSON text of a snapshot: bigints become strings, dates ISO strings. */
function jsonText(value: object | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'bigint' ? inner.toString() : inner,
  );
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records one event with the manager of the caller's transaction, so the event exists exactly
   * when the change it describes does.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    // Plain SQL: every write of the application passes here, and the ORM's insert builder cost
    // more than the statement itself.
    await manager.query(
      `INSERT INTO audit_events (actor_id, actor_email, action, entity_type, entity_id, before, after, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
      [
        entry.actor.id,
        entry.actor.email,
        entry.action,
        entry.entityType,
        entry.entityId,
        jsonText(entry.before),
        jsonText(entry.after),
        RequestContext.correlationId() ?? null,
      ],
    );
  }

  /** The events `scope` lets the reader see, newest first. */
  async list(query: AuditQuery, scope: AuditScope): Promise<Page<AuditEvent>> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    const scopeParams: Record<string, unknown> = {};
    qb.where(scope(namedParams(scopeParams, 'scope')), scopeParams);
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    const [items, total] = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip(offsetOf(query))
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(items, total, query);
  }
}
