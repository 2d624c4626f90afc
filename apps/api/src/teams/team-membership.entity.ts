import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import type { TeamRole } from '@plugboard/shared-contracts';
import { IdentifiedEntity } from '../database/base.entity';
import { UserEntity } from '../users/user.entity';
import { TeamEntity } from './team.entity';

@Entity('team_memberships')
@Unique(['teamId', 'userId'])
export class TeamMembershipEntity extends IdentifiedEntity {
  @Index()
  @Column({ type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  role!: TeamRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
