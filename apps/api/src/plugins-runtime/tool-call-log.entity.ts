import { Column, Entity, Index } from 'typeorm';
import { IdentifiedEntity } from '../database/base.entity';

/** One tool call, as the AuditLoggerPlugin records it (written in batches off the request path). */
@Entity('tool_call_log')
@Index(['at'])
@Index(['serverId', 'at'])
export class ToolCallLogEntity extends IdentifiedEntity {
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid' })
  serverId!: string;

  @Column({ type: 'varchar', length: 200 })
  serverName!: string;

  @Column({ type: 'varchar', length: 200 })
  toolName!: string;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ type: 'double precision' })
  durationMs!: number;

  @Column({ type: 'jsonb', nullable: true })
  arguments!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  pluginViolation!: string | null;
}
