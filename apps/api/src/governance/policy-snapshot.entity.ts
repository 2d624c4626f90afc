import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdentifiedEntity } from '../database/base.entity';

/** The whole plugin policy (registry and every setting row) at one moment, for rollback. */
@Entity('policy_snapshots')
export class PolicySnapshotEntity extends IdentifiedEntity {
  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  actorEmail!: string | null;

  /** What took it: promote, demote, sync, restore, manual. */
  @Column({ type: 'varchar', length: 32 })
  trigger!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;
}
