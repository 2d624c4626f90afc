import { Column, Entity } from 'typeorm';
import type { PlatformRole } from '@plugboard/shared-contracts';
import { TimestampedEntity } from '../database/base.entity';

@Entity('users')
export class UserEntity extends TimestampedEntity {
  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  /** argon2id hash; null for users who only sign in through OIDC. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'user' })
  platformRole!: PlatformRole;

  @Column({ type: 'boolean', default: true })
  pluginCustomizationAllowed!: boolean;

  @Column({ type: 'varchar', length: 255, nullable: true, unique: true })
  oidcSubject!: string | null;
}
