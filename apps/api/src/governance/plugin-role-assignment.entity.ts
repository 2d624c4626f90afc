import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { IdentifiedEntity } from '../database/base.entity';
import { UserEntity } from '../users/user.entity';

/** A plugin role held by a user; roles are namespaced by plugin. */
@Entity('plugin_role_assignments')
@Unique(['userId', 'pluginName', 'role'])
export class PluginRoleAssignmentEntity extends IdentifiedEntity {
  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Index()
  @Column({ type: 'varchar', length: 100 })
  pluginName!: string;

  @Column({ type: 'varchar', length: 64 })
  role!: string;

  @Column({ type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
