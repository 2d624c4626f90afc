import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import type { ResourceTargetType } from '@plugboard/shared-contracts';
import { IdentifiedEntity } from '../database/base.entity';
import { VirtualServerEntity } from './virtual-server.entity';

/** A resource a virtual server exposes: static text kept in the row, or an allowed http(s) URL fetched with GET. */
@Entity('server_resources')
@Unique(['serverId', 'uri'])
export class ServerResourceEntity extends IdentifiedEntity {
  @Index()
  @Column({ type: 'uuid' })
  serverId!: string;

  @ManyToOne(() => VirtualServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id' })
  server?: VirtualServerEntity;

  /** Printable ASCII only (the DTO checks), so the unique index stays within PostgreSQL's key size. */
  @Column({ type: 'varchar', length: 1000 })
  uri!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  mimeType!: string | null;

  @Column({ type: 'varchar', length: 16 })
  targetType!: ResourceTargetType;

  /** The content of a `text` resource. */
  @Column({ type: 'text', nullable: true })
  targetText!: string | null;

  /** The URL an `http` resource is fetched from. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  targetUrl!: string | null;

  @Column({ type: 'integer', nullable: true })
  timeoutMs!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
