import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { TeamEntity } from '../teams/team.entity';
import { PluginSettingColumns } from './plugin-setting.columns';

@Entity('team_plugins')
@Unique(['teamId', 'pluginName'])
export class TeamPluginEntity extends PluginSettingColumns {
  @Index()
  @Column({ type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'boolean', default: true })
  inheritConfig!: boolean;

  @Column({ type: 'uuid', nullable: true })
  addedBy!: string | null;
}
