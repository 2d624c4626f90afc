import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { VirtualServerEntity } from '../servers/virtual-server.entity';
import { PluginSettingColumns } from './plugin-setting.columns';

@Entity('server_plugins')
@Unique(['serverId', 'pluginName'])
export class ServerPluginEntity extends PluginSettingColumns {
  @Index()
  @Column({ type: 'uuid' })
  serverId!: string;

  @ManyToOne(() => VirtualServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id' })
  server?: VirtualServerEntity;

  @Column({ type: 'boolean', default: true })
  inheritConfig!: boolean;

  @Column({ type: 'uuid', nullable: true })
  addedBy!: string | null;
}
