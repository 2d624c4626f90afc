import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../common/domain-error';
import type { AuditActor } from '../governance/audit.service';
import { PolicySnapshotEntity } from '../governance/policy-snapshot.entity';
import { countsOf, POLICY_TABLES, readPolicyTables, type PolicyTable, type PolicyTablesData } from './policy-tables';

export type SnapshotTrigger = 'promote' | 'demote' | 'restore' | 'sync' | 'manual';

export const SNAPSHOT_FORMAT = 1;

/** What `policy_snapshots.data` holds. */
export interface SnapshotData {
  format: number;
  counts: Record<PolicyTable, number>;
  tables: PolicyTablesData;
}

export interface SnapshotSummary {
  id: string;
  createdAt: string;
  trigger: string;
  actorId: string | null;
  actorEmail: string | null;
  reason: string | null;
  counts: Record<PolicyTable, number>;
}

export interface SnapshotPage {
  items: SnapshotSummary[];
  total: number;
  limit: number;
  offset: number;
}

const iso = (value: Date | string): string => {
  if (value instanceof Date) return value.toISOString();
  // SQLite hands datetime columns back as 'YYYY-MM-DD HH:MM:SS[.SSS]' in UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`).toISOString();
};

function parseCounts(value: unknown): Record<PolicyTable, number> {
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<Record<PolicyTable, unknown>> | null;
  const counts = {} as Record<PolicyTable, number>;
  for (const table of POLICY_TABLES) counts[table] = Number(parsed?.[table] ?? 0);
  return counts;
}

/**
 * Policy snapshots: the registry and every setting row, exactly, taken inside the governance
 * transaction of the change that follows (promote, demote, restore, and the YAML sync), so the
 * change can be rolled back.
 */
@Injectable()
export class PolicySnapshotService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores the policy as `em` sees it. Call it inside `GovernanceLockService.run`, before the
   * change; pass `data` when the caller has just read the tables (it must be `readPolicyTables(em)`).
   */
  async take(
    em: EntityManager,
    trigger: SnapshotTrigger,
    actor: AuditActor,
    reason: string | null | undefined,
    data?: PolicyTablesData,
  ): Promise<{ id: string; createdAt: string; counts: Record<PolicyTable, number> }> {
    const tables = data ?? (await readPolicyTables(em));
    const counts = countsOf(tables);
    const snapshot: SnapshotData = { format: SNAPSHOT_FORMAT, counts, tables };
    const id = randomUUID();
    const createdAt = new Date();
    await em
      .createQueryBuilder()
      .insert()
      .into(PolicySnapshotEntity)
      .values({ id, createdAt, actorId: actor.id, actorEmail: actor.email, trigger, reason: reason ?? null, data: snapshot as never })
      .updateEntity(false)
      .execute();
    return { id, createdAt: createdAt.toISOString(), counts };
  }

  /** Newest first, without the (large) data: only its counts. */
  async list(query: { limit?: number; offset?: number }): Promise<SnapshotPage> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const postgres = this.db.options.type === 'postgres';
    const counts = postgres ? "data -> 'counts'" : "json_extract(data, '$.counts')";
    const [rows, total] = await Promise.all([
      this.db.query(
        `SELECT id, created_at, trigger, actor_id, actor_email, reason, ${counts} AS counts FROM policy_snapshots ORDER BY created_at DESC, id DESC LIMIT ${postgres ? '$1 OFFSET $2' : '? OFFSET ?'}`,
        [limit, offset],
      ) as Promise<{ id: string; created_at: Date | string; trigger: string; actor_id: string | null; actor_email: string | null; reason: string | null; counts: unknown }[]>,
      this.db.getRepository(PolicySnapshotEntity).count(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        createdAt: iso(r.created_at),
        trigger: r.trigger,
        actorId: r.actor_id,
        actorEmail: r.actor_email,
        reason: r.reason,
        counts: parseCounts(r.counts),
      })),
      total,
      limit,
      offset,
    };
  }

  /** One snapshot with its data; 404 when there is none with that id. */
  async load(em: EntityManager, id: string): Promise<{ summary: SnapshotSummary; data: SnapshotData }> {
    const row = await em.getRepository(PolicySnapshotEntity).findOneBy({ id });
    if (!row) throw notFound('Policy snapshot');
    const data = row.data as unknown as SnapshotData;
    return {
      summary: {
        id: row.id,
        createdAt: iso(row.createdAt),
        trigger: row.trigger,
        actorId: row.actorId,
        actorEmail: row.actorEmail,
        reason: row.reason,
        counts: parseCounts(data.counts),
      },
      data,
    };
  }
}
