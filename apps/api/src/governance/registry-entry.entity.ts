import { Column, Entity } from 'typeorm';
import type { PluginMode } from '@plugboard/governance';
import { TimestampedEntity } from '../database/base.entity';

/** The platform's policy for one plugin (global_plugin_registry). */
@Entity('global_plugin_registry')
export class RegistryEntryEntity extends TimestampedEntity {
  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  /** The plugin's package name. */
  @Column({ type: 'varchar', length: 214 })
  kind!: string;

  @Column({ type: 'varchar', length: 64 })
  version!: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description!: string;

  @Column({ type: 'boolean', default: false })
  mandatory!: boolean;

  @Column({ type: 'boolean', default: false })
  enabledGlobally!: boolean;

  @Column({ type: 'boolean', default: true })
  availableForTeams!: boolean;

  @Column({ type: 'boolean', default: true })
  availableForUsers!: boolean;

  @Column({ type: 'boolean', default: true })
  allowTeamOverride!: boolean;

  @Column({ type: 'boolean', default: true })
  allowUserOverride!: boolean;

  @Column({ type: 'boolean', default: true })
  allowServerOverride!: boolean;

  @Column({ type: 'jsonb', default: [] })
  requires!: string[];

  @Column({ type: 'jsonb', default: [] })
  conflictsWith!: string[];

  @Column({ type: 'jsonb', default: {} })
  defaultConfig!: Record<string, unknown>;

  @Column({ type: 'integer', default: 100 })
  defaultPriority!: number;

  @Column({ type: 'varchar', length: 16, default: 'enforce' })
  mode!: PluginMode;

  /** `yaml` while the entry matches the file, `api` once an admin changed it through the API. */
  @Column({ type: 'varchar', length: 16, default: 'yaml' })
  managedBy!: 'yaml' | 'api';

  /** The policy fields as the last sync wrote them, to tell API changes from YAML ones. */
  @Column({ type: 'jsonb', nullable: true })
  lastSynced!: Record<string, unknown> | null;

  /** Optimistic concurrency counter (the `version` column holds the plugin's version). */
  @Column({ type: 'integer', default: 1 })
  revision!: number;
}
