import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import type { PromptArgument } from '@plugboard/shared-contracts';
import { IdentifiedEntity } from '../database/base.entity';
import { VirtualServerEntity } from './virtual-server.entity';

/** A prompt template a virtual server exposes; `{{name}}` placeholders take the prompt's arguments. */
@Entity('server_prompts')
@Unique(['serverId', 'name'])
export class ServerPromptEntity extends IdentifiedEntity {
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
  arguments!: PromptArgument[];

  @Column({ type: 'text' })
  template!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
