import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { PluginAuditLogEntity } from './plugin-audit-log.entity';

export interface AuditRecord {
  action: string;
  level: 'global' | 'mandatory' | 'team' | 'user' | 'server' | 'platform';
  pluginName: string | null;
  entityType: 'registry' | 'team' | 'user' | 'server' | 'policy';
  entityId: string | null;
  entityName: string | null;
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown> | null;
  reason?: string | null;
}

export interface AuditActor {
  id: string | null;
  email: string | null;
  requestId?: string | null;
}

export const actorOf = (user: AuthUser, requestId?: string | null): AuditActor => ({
  id: user.id,
  email: user.email,
  requestId: requestId ?? null,
});

export const SYSTEM_ACTOR: AuditActor = { id: null, email: 'system', requestId: null };

/** Writes governance audit rows, always inside the transaction of the change they record. */
@Injectable()
export class AuditService {
  async record(em: EntityManager, actor: AuditActor, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const at = new Date();
    const repo = em.getRepository(PluginAuditLogEntity);
    await repo.save(
      records.map((r) =>
        repo.create({
          id: randomUUID(),
          at,
          actorId: actor.id,
          actorEmail: actor.email,
          action: r.action,
          level: r.level,
          pluginName: r.pluginName,
          entityType: r.entityType,
          entityId: r.entityId,
          entityName: r.entityName,
          oldValue: r.oldValue ?? null,
          newValue: r.newValue ?? null,
          reason: r.reason ?? null,
          requestId: actor.requestId ?? null,
        }),
      ),
    );
  }
}
