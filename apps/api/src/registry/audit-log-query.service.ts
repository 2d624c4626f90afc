import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuditLogEntry, AuditLogPage } from '@plugboard/shared-contracts';
import { DomainError } from '../common/domain-error';
import { PluginAuditLogEntity } from '../governance/plugin-audit-log.entity';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.util';
import type { AuditLogQueryDto } from './dto/audit-log.dto';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

function instant(text: string, pointer: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new DomainError('VALIDATION_FAILED', `${pointer.slice(1)}: must be a valid date-time`, { errors: [{ pointer, message: 'must be a valid date-time' }] });
  }
  return date;
}

function toEntry(row: PluginAuditLogEntity): AuditLogEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    level: row.level,
    pluginName: row.pluginName,
    entityType: row.entityType,
    entityId: row.entityId,
    entityName: row.entityName,
    oldValue: row.oldValue,
    newValue: row.newValue,
    reason: row.reason,
    requestId: row.requestId,
  };
}

/** The governance audit trail, newest first, filtered and paged by keyset (`(at, id)`), so pages never shift. */
@Injectable()
export class AuditLogQueryService {
  constructor(@InjectRepository(PluginAuditLogEntity) private readonly rows: Repository<PluginAuditLogEntity>) {}

  async page(query: AuditLogQueryDto): Promise<AuditLogPage> {
    const limit = query.limit ?? 50;
    const qb = this.rows.createQueryBuilder('a');
    if (query.plugin !== undefined) qb.andWhere('a.pluginName = :plugin', { plugin: query.plugin });
    if (query.level !== undefined) qb.andWhere('a.level = :level', { level: query.level });
    if (query.actor !== undefined) {
      if (UUID.test(query.actor)) qb.andWhere('a.actorId = :actorId', { actorId: query.actor.toLowerCase() });
      else qb.andWhere('a.actorEmail = :actorEmail', { actorEmail: query.actor.trim().toLowerCase() });
    }
    const from = query.from === undefined ? undefined : instant(query.from, '/from');
    const to = query.to === undefined ? undefined : instant(query.to, '/to');
    if (from && to && from > to) {
      throw new DomainError('VALIDATION_FAILED', 'from must not be after to', { errors: [{ pointer: '/from', message: 'must not be after to' }] });
    }
    if (from) qb.andWhere('a.at >= :from', { from });
    if (to && query.to !== undefined && DATE_ONLY.test(query.to)) qb.andWhere('a.at < :to', { to: new Date(to.getTime() + DAY_MS) });
    else if (to) qb.andWhere('a.at <= :to', { to });
    if (query.cursor !== undefined) {
      const cursor = decodeAuditCursor(query.cursor);
      qb.andWhere('(a.at < :cursorAt OR (a.at = :cursorAt AND a.id < :cursorId))', { cursorAt: cursor.at, cursorId: cursor.id });
    }
    const rows = await qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toEntry),
      nextCursor: rows.length > limit && last ? encodeAuditCursor({ at: new Date(last.at), id: last.id }) : null,
    };
  }
}
