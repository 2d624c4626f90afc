/** The AuditLoggerPlugin's GET /calls over `tool_call_log`: newest first, keyset-paged, filtered. */
import type { Repository } from 'typeorm';
import { encodeKeysetCursor } from '@plugboard/plugin-sdk';
import type { CallLogItem, CallLogReader } from '@plugboard/plugin-audit-logger';
import { UserEntity } from '../users/user.entity';
import type { ToolCallLogEntity } from './tool-call-log.entity';

export function callLogReaderOver(rows: Repository<ToolCallLogEntity>): CallLogReader {
  return async (query) => {
    const qb = rows
      .createQueryBuilder('c')
      .leftJoin(UserEntity, 'u', 'u.id = c.userId')
      .addSelect('u.email', 'user_email');
    if (query.serverId) qb.andWhere('c.serverId = :serverId', { serverId: query.serverId });
    if (query.userId) qb.andWhere('c.userId = :userId', { userId: query.userId });
    if (query.tool) qb.andWhere('c.toolName = :tool', { tool: query.tool });
    if (query.outcome) qb.andWhere('c.outcome = :outcome', { outcome: query.outcome });
    if (query.from) qb.andWhere('c.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('c.at <= :to', { to: query.to });
    if (query.cursor) {
      qb.andWhere('(c.at < :cursorAt OR (c.at = :cursorAt AND c.id < :cursorId))', { cursorAt: query.cursor.at, cursorId: query.cursor.id });
    }
    const { entities, raw } = await qb
      .orderBy('c.at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(query.limit + 1)
      .getRawAndEntities<{ c_id: string; user_email: string | null }>();
    const emails = new Map(raw.map((r) => [r.c_id, r.user_email]));
    const items: CallLogItem[] = entities.slice(0, query.limit).map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      serverId: row.serverId,
      serverName: row.serverName,
      toolName: row.toolName,
      userId: row.userId,
      userEmail: emails.get(row.id) ?? null,
      outcome: row.outcome,
      durationMs: row.durationMs,
      pluginViolation: row.pluginViolation,
      arguments: row.arguments,
      result: row.result,
    }));
    const last = entities.length > query.limit ? entities[query.limit - 1] : undefined;
    return { items, nextCursor: last ? encodeKeysetCursor({ at: new Date(last.at), id: last.id }) : null };
  };
}
