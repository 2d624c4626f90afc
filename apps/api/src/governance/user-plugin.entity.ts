import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { PluginSettingColumns } from './plugin-setting.columns';

@Entity('user_plugins')
@Unique(['userId', 'pluginName'])
export class UserPluginEntity extends PluginSettingColumns {
  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'boolean', default: true })
  inheritTeamConfig!: boolean;
}
