import { Column, Entity } from 'typeorm';
import { TimestampedEntity } from '../database/base.entity';

@Entity('teams')
export class TeamEntity extends TimestampedEntity {
  @Column({ type: 'varchar', length: 64, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description!: string;
}
