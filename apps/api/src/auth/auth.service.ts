import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { LoginResponse } from '@plugboard/shared-contracts';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError } from '../common/domain-error';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { verifyPassword } from './passwords';

@Injectable()
export class AuthService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly usersService: UsersService,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      throw new DomainError('INVALID_CREDENTIALS', 'The email or password is not correct');
    }
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, typ: 'session' },
      { expiresIn: this.settings.sessionTtlSeconds },
    );
    const me = await this.usersService.me({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      platformRole: user.platformRole,
      pluginCustomizationAllowed: user.pluginCustomizationAllowed,
      via: 'jwt',
      scopes: ['*'],
    });
    return { accessToken, expiresIn: this.settings.sessionTtlSeconds, user: me };
  }
}
