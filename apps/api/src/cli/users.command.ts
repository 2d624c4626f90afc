import type { DataSource } from 'typeorm';
import type { PlatformRole } from '@plugboard/shared-contracts';
import { hashPassword } from '../auth/passwords';
import { UserEntity } from '../users/user.entity';

export class CliError extends Error {
  override name = 'CliError';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createUser(
  dataSource: DataSource,
  input: { email?: string; password?: string; displayName?: string; role: PlatformRole },
): Promise<UserEntity> {
  const email = input.email?.trim().toLowerCase();
  if (!email || !EMAIL.test(email) || email.length > 320) throw new CliError('--email must be an email address');
  if (!input.password || input.password.length < 8) {
    throw new CliError('--password (or PLUGBOARD_CLI_PASSWORD) must be at least 8 characters');
  }
  const users = dataSource.getRepository(UserEntity);
  if (await users.existsBy({ email })) throw new CliError(`A user with email ${email} already exists`);
  return users.save(
    users.create({
      email,
      displayName: input.displayName?.trim() || email.split('@')[0]!,
      passwordHash: await hashPassword(input.password),
      platformRole: input.role,
      pluginCustomizationAllowed: true,
      oidcSubject: null,
    }),
  );
}
