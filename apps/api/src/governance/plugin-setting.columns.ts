import { Column, CreateDateColumn, Index, UpdateDateColumn } from 'typeorm';
import { IdentifiedEntity } from '../database/base.entity';

/** Columns every level's setting row shares (team_plugins, user_plugins, server_plugins). */
export abstract class PluginSettingColumns extends IdentifiedEntity {
  @Index()
  @Column({ type: 'varchar', length: 100 })
  pluginName!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'jsonb', default: {} })
  config!: Record<string, unknown>;

  @Column({ type: 'integer', nullable: true })
  priority!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** Optimistic concurrency counter, starting at 1. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
