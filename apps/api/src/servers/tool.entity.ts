import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import type { ToolTargetType } from '@plugboard/shared-contracts';
import { TimestampedEntity } from '../database/base.entity';
import { VirtualServerEntity } from './virtual-server.entity';

@Entity('tools')
@Unique(['serverId', 'name'])
export class ToolEntity extends TimestampedEntity {
  @Index()
  @Column({ type: 'uuid' })
  serverId!: string;

  @ManyToOne(() => VirtualServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id' })
  server?: VirtualServerEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description!: string;

  @Column({ type: 'jsonb' })
  inputSchema!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 500, nullable: true })
  resource!: string | null;

  @Column({ type: 'varchar', length: 16 })
  targetType!: ToolTargetType;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  targetUrl!: string | null;

  @Column({ type: 'integer', nullable: true })
  timeoutMs!: number | null;
}
