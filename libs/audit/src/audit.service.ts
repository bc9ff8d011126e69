import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BindParam, Page, pageOf, RequestContext } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import {
  AuditDescriptionSql,
  AuditEventRepository,
  AuditEventRow,
  AuditQuery,
  auditInsertSql,
} from './audit-event.repository';

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
 * type's own visibility; see apps/api's audit-access.ts). Required by every read, so no read
 * of the trail goes unscoped; an entity type the scope does not name is seen by nobody.
 */
export type AuditScope = (bind: BindParam) => string;

export { AUDIT_ENTITY_UUID } from './audit-event.repository';

export type { AuditDescriptionSql, AuditQuery } from './audit-event.repository';

/** An audit event to be written by the statement of the change it describes (`AuditService.write`). */
export interface AuditWrite {
  /**
   * The INSERT, its values bound through the statement's `param`; use it as a CTE's body.
   * `onlyIfRowIn`: a CTE of the statement; the event is written only when it has a row (the change happened).
   * `afterFromStatement`: an SQL expression (a jsonb object) of values the statement itself makes
   * (e.g. a reference drawn from a sequence, the row's times), set over `after`'s keys.
   */
  sql(param: BindParam, onlyIfRowIn?: string, afterFromStatement?: string): string;
}

function rowOf(entry: AuditEntry): AuditEventRow {
  return {
    actorId: entry.actor.id,
    actorEmail: entry.actor.email,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: jsonText(entry.before),
    after: jsonText(entry.after),
    correlationId: RequestContext.correlationId() ?? null,
  };
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository,
  ) {}

  /**
   * Records one event with the manager of the caller's transaction, so the event exists exactly
   * when the change it describes does.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    // Plain SQL: every write of the application passes here, and the ORM's insert builder cost
    // more than the statement itself.
    await this.events.add(manager, rowOf(entry));
  }

  /**
   * The event as a write another lib's repository puts into the statement that makes the change
   * (a data-modifying CTE): the same row `record` writes, without a round trip of its own. The
   * statement runs in the caller's transaction, so the event still exists exactly when the change does.
   */
  write(entry: AuditEntry): AuditWrite {
    const row = rowOf(entry);
    return {
      sql: (param, onlyIfRowIn, afterFromStatement) =>
        auditInsertSql(row, param, onlyIfRowIn, afterFromStatement),
    };
  }

  /** The events `scope` lets the reader see, newest first. */
  async list(query: AuditQuery, scope: AuditScope): Promise<Page<AuditEvent>> {
    const [items, total] = await this.events.page(this.dataSource.manager, query, scope);
    return pageOf(items, total, query);
  }

  /** Per event id, the record it is about and the actor's name, as `sql` says (see AuditEventRepository.describe). */
  async describe(
    eventIds: string[],
    sql: AuditDescriptionSql,
  ): Promise<Map<string, { subject: Record<string, unknown> | null; actorName: string | null }>> {
    const rows = await this.events.describe(this.dataSource.manager, eventIds, sql);
    return new Map(rows.map(({ id, subject, actorName }) => [id, { subject, actorName }]));
  }
}
