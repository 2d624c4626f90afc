import { Column, Entity, Index } from 'typeorm';
import { IdentifiedEntity } from '../database/base.entity';

/**
 * One governance change. Actor and entity are copied by value, not foreign keys, so the
 * trail outlives deleted users, teams and servers.
 */
@Entity('plugin_audit_log')
@Index(['pluginName', 'at'])
export class PluginAuditLogEntity extends IdentifiedEntity {
  @Index()
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  pluginName!: string | null;

  @Column({ type: 'varchar', length: 32 })
  entityType!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  entityName!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  oldValue!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  newValue!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
