import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { RegistryEntry } from '@plugboard/governance';
import { groupRows, readServers, type PolicyState, type ServerRef } from '../admin-ops/policy-state';
import { readTable } from '../admin-ops/policy-tables';
import { DomainError } from '../common/domain-error';
import { PluginAuditLogEntity } from '../governance/plugin-audit-log.entity';
import { PluginSchemasService } from '../governance/plugin-schemas.service';
import { RegistryEntryEntity } from '../governance/registry-entry.entity';
import { toRegistryEntry } from '../governance/registry.mapper';

export interface ChangeFilter {
  plugin?: string;
  /** Changes on these entities (a team and its servers, a user and their servers)… */
  entityIds?: string[];
  /** …or made by this user. */
  actorId?: string;
  from?: Date;
  to?: Date;
  /** `to` was a date alone: up to the end of that day. */
  toEndOfDay?: boolean;
}

export interface UsageData {
  registry: RegistryEntry[];
  /** Last change of each registry entry: when, and by whom (the last registry audit row). */
  registryEdits: Map<string, { at: string; by: string }>;
  rows: PolicyState['rows'];
  rowCounts: { team: number; user: number; server: number };
  servers: ServerRef[];
  teams: { id: string; slug: string; name: string }[];
  emails: Map<string, string>;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Parses from/to of a report query; a date alone is the start of that day (UTC), `to` then covers the day. */
export function changeWindow(from: string | undefined, to: string | undefined): Pick<ChangeFilter, 'from' | 'to' | 'toEndOfDay'> {
  const parse = (text: string, pointer: string): Date => {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) throw new DomainError('VALIDATION_FAILED', `${pointer.slice(1)}: must be a valid date-time`, { errors: [{ pointer, message: 'must be a valid date-time' }] });
    return date;
  };
  const window = {
    from: from === undefined ? undefined : parse(from, '/from'),
    to: to === undefined ? undefined : parse(to, '/to'),
    toEndOfDay: to !== undefined && DATE_ONLY.test(to),
  };
  if (window.from && window.to && window.from > window.to) {
    throw new DomainError('VALIDATION_FAILED', 'from must not be after to', { errors: [{ pointer: '/from', message: 'must not be after to' }] });
  }
  return window;
}

/** Everything the usage report is computed from: a handful of set-based queries, none per server. */
@Injectable()
export class UsageDataReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly schemas: PluginSchemasService,
  ) {}

  private get postgres(): boolean {
    return this.db.options.type === 'postgres';
  }

  /** One consistent view on PostgreSQL (repeatable read); SQLite has a single writer anyway. */
  async load(): Promise<UsageData> {
    return this.postgres ? this.db.transaction('REPEATABLE READ', (em) => this.read(em)) : this.read(this.db.manager);
  }

  private async read(em: EntityManager): Promise<UsageData> {
    const registryRows = await em.getRepository(RegistryEntryEntity).find({ order: { name: 'ASC' } });
    const team = await readTable(em, 'team');
    const user = await readTable(em, 'user');
    const server = await readTable(em, 'server');
    const servers = await readServers(em);
    const teams: UsageData['teams'] = await em.query('SELECT id, slug, name FROM teams ORDER BY name, id');
    const users: { id: string; email: string }[] = await em.query('SELECT id, email FROM users');
    const edits: { plugin_name: string; actor_email: string | null; at: Date | string }[] = await em.query(
      `SELECT a.plugin_name, a.actor_email, a.at FROM plugin_audit_log a
         JOIN (SELECT plugin_name, MAX(at) AS last FROM plugin_audit_log WHERE entity_type = 'registry' GROUP BY plugin_name) m
           ON m.plugin_name = a.plugin_name AND m.last = a.at
        WHERE a.entity_type = 'registry'`,
    );
    const updatedAt = new Map(registryRows.map((r) => [r.name, new Date(r.updatedAt).toISOString()]));
    const registryEdits = new Map<string, { at: string; by: string }>();
    for (const r of registryRows) registryEdits.set(r.name, { at: updatedAt.get(r.name) as string, by: 'system' });
    for (const e of edits) {
      const known = registryEdits.get(e.plugin_name);
      if (known) known.by = e.actor_email ?? 'system';
    }
    return {
      registry: registryRows.map((r) => toRegistryEntry(r, this.schemas.schemaFor(r.name))),
      registryEdits,
      rows: { team: groupRows('team', team), user: groupRows('user', user), server: groupRows('server', server) },
      rowCounts: { team: team.length, user: user.length, server: server.length },
      servers,
      teams,
      emails: new Map(users.map((u) => [u.id, u.email])),
    };
  }

  private changes(filter: ChangeFilter): SelectQueryBuilder<PluginAuditLogEntity> {
    const qb = this.db.getRepository(PluginAuditLogEntity).createQueryBuilder('a');
    if (filter.plugin !== undefined) qb.andWhere('a.pluginName = :plugin', { plugin: filter.plugin });
    if (filter.entityIds !== undefined) {
      const ids = filter.entityIds.length > 0 ? filter.entityIds : ['-'];
      if (filter.actorId !== undefined) qb.andWhere('(a.entityId IN (:...ids) OR a.actorId = :actorId)', { ids, actorId: filter.actorId });
      else qb.andWhere('a.entityId IN (:...ids)', { ids });
    }
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to && filter.toEndOfDay) qb.andWhere('a.at < :to', { to: new Date(filter.to.getTime() + DAY_MS) });
    else if (filter.to) qb.andWhere('a.at <= :to', { to: filter.to });
    return qb;
  }

  async recentChanges(filter: ChangeFilter, limit: number): Promise<PluginAuditLogEntity[]> {
    return this.changes(filter).orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
  }

  /** Changes per UTC day in the window. */
  async timeline(filter: ChangeFilter): Promise<{ date: string; changes: number }[]> {
    const day = this.postgres ? "to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : 'substr(a.at, 1, 10)';
    const rows: { day: string; n: string | number }[] = await this.changes(filter).select(day, 'day').addSelect('COUNT(*)', 'n').groupBy(day).orderBy('day', 'ASC').getRawMany();
    return rows.map((r) => ({ date: r.day, changes: Number(r.n) }));
  }
}
