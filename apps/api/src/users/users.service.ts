import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import type { AdminUser, Me, Page, UserSummary } from '@plugboard/shared-contracts';
import { DomainError, notFound } from '../common/domain-error';
import { likePattern, pageOf } from '../common/paging.dto';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/passwords';
import { TeamMembershipEntity } from '../teams/team-membership.entity';
import { UserEntity } from './user.entity';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/admin-user.dto';

export function toAdminUser(user: UserEntity): AdminUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    platformRole: user.platformRole,
    pluginCustomizationAllowed: user.pluginCustomizationAllowed,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toUserSummary(user: UserEntity): UserSummary {
  return { id: user.id, email: user.email, displayName: user.displayName, platformRole: user.platformRole };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(TeamMembershipEntity) private readonly memberships: Repository<TeamMembershipEntity>,
  ) {}

  async me(caller: AuthUser): Promise<Me> {
    const user = await this.users.findOneBy({ id: caller.id });
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The signed-in user no longer exists');
    const memberships = await this.memberships.find({
      where: { userId: user.id },
      relations: { team: true },
      order: { team: { name: 'ASC' } },
    });
    return {
      ...toUserSummary(user),
      pluginCustomizationAllowed: user.pluginCustomizationAllowed,
      teams: memberships.flatMap((m) =>
        m.team ? [{ id: m.team.id, slug: m.team.slug, name: m.team.name, role: m.role }] : [],
      ),
    };
  }

  /** The user directory: for admins managing users and owners adding team members. */
  async list(query: UserQueryDto): Promise<Page<AdminUser>> {
    const { limit, offset } = pageOf(query);
    const qb = this.users.createQueryBuilder('u').orderBy('u.email', 'ASC').take(limit).skip(offset);
    if (query.q) {
      const pattern = likePattern(query.q);
      qb.where(
        new Brackets((w) => {
          w.where("LOWER(u.email) LIKE :p ESCAPE '\\'", { p: pattern }).orWhere(
            "LOWER(u.display_name) LIKE :p ESCAPE '\\'",
            { p: pattern },
          );
        }),
      );
    }
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toAdminUser), total, limit, offset };
  }

  async create(dto: CreateUserDto): Promise<AdminUser> {
    const email = dto.email.trim().toLowerCase();
    if (await this.users.existsBy({ email })) {
      throw new DomainError('ALREADY_EXISTS', `A user with email ${email} already exists`);
    }
    const user = this.users.create({
      email,
      displayName: dto.displayName.trim(),
      passwordHash: await hashPassword(dto.password),
      platformRole: dto.platformRole ?? 'user',
      pluginCustomizationAllowed: dto.pluginCustomizationAllowed ?? true,
      oidcSubject: null,
    });
    return toAdminUser(await this.users.save(user));
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<AdminUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User');
    if (dto.platformRole && dto.platformRole !== 'admin' && user.platformRole === 'admin') {
      await this.assertAnotherAdmin(user.id);
    }
    if (dto.displayName !== undefined) user.displayName = dto.displayName.trim();
    if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
    if (dto.platformRole !== undefined) user.platformRole = dto.platformRole;
    if (dto.pluginCustomizationAllowed !== undefined) {
      user.pluginCustomizationAllowed = dto.pluginCustomizationAllowed;
    }
    void actor;
    return toAdminUser(await this.users.save(user));
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User');
    if (user.id === actor.id) {
      throw new DomainError('CONFLICT', 'You cannot delete your own account; ask another admin');
    }
    if (user.platformRole === 'admin') await this.assertAnotherAdmin(user.id);
    await this.users.delete({ id: user.id });
  }

  private async assertAnotherAdmin(exceptId: string): Promise<void> {
    const others = await this.users
      .createQueryBuilder('u')
      .where('u.platform_role = :role', { role: 'admin' })
      .andWhere('u.id != :id', { id: exceptId })
      .getCount();
    if (others === 0) {
      throw new DomainError('CONFLICT', 'The platform needs at least one admin');
    }
  }
}
