import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Page, TeamDetail, TeamRole, TeamSummary } from '@plugboard/shared-contracts';
import { isAdmin, type AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { likePattern, pageOf } from '../common/paging.dto';
import { UserEntity } from '../users/user.entity';
import { AddMemberDto, CreateTeamDto, TeamQueryDto, UpdateTeamDto } from './dto/team.dto';
import { TeamAccessService } from './team-access.service';
import { TeamEntity } from './team.entity';
import { TeamMembershipEntity } from './team-membership.entity';

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(TeamMembershipEntity) private readonly memberships: Repository<TeamMembershipEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly access: TeamAccessService,
  ) {}

  /** Admins see every team; everyone else the teams they belong to. */
  async list(caller: AuthUser, query: TeamQueryDto): Promise<Page<TeamSummary>> {
    const { limit, offset } = pageOf(query);
    const qb = this.teams
      .createQueryBuilder('t')
      .leftJoin(TeamMembershipEntity, 'mine', 'mine.team_id = t.id AND mine.user_id = :me', { me: caller.id })
      .addSelect('mine.role', 'my_role')
      .addSelect((sq) => sq.select('COUNT(*)').from(TeamMembershipEntity, 'm').where('m.team_id = t.id'), 'member_count')
      .orderBy('t.name', 'ASC')
      .limit(limit)
      .offset(offset);
    if (!isAdmin(caller)) qb.where('mine.id IS NOT NULL');
    if (query.q) {
      qb.andWhere("(LOWER(t.name) LIKE :p ESCAPE '\\' OR LOWER(t.slug) LIKE :p ESCAPE '\\')", { p: likePattern(query.q) });
    }
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    const items = entities.map((team, i) => {
      const row = raw[i] as { my_role: TeamRole | null; member_count: string | number };
      return this.summary(team, row.my_role ?? null, Number(row.member_count));
    });
    return { items, total, limit, offset };
  }

  async get(caller: AuthUser, teamId: string): Promise<TeamDetail> {
    const { team, role } = await this.access.readable(caller, teamId);
    return this.detail(team, role);
  }

  async create(caller: AuthUser, dto: CreateTeamDto): Promise<TeamDetail> {
    if (await this.teams.existsBy({ slug: dto.slug })) {
      throw new DomainError('ALREADY_EXISTS', `A team with slug "${dto.slug}" already exists`);
    }
    const team = await this.db.transaction(async (em) => {
      const created = await em.save(
        em.create(TeamEntity, { slug: dto.slug, name: dto.name.trim(), description: dto.description ?? '' }),
      );
      await em.save(em.create(TeamMembershipEntity, { teamId: created.id, userId: caller.id, role: 'owner' }));
      return created;
    });
    return this.detail(team, 'owner');
  }

  async update(caller: AuthUser, teamId: string, dto: UpdateTeamDto): Promise<TeamDetail> {
    const { team, role } = await this.access.manageable(caller, teamId);
    if (dto.name !== undefined) team.name = dto.name.trim();
    if (dto.description !== undefined) team.description = dto.description;
    return this.detail(await this.teams.save(team), role);
  }

  async remove(caller: AuthUser, teamId: string): Promise<void> {
    const { team } = await this.access.manageable(caller, teamId);
    await this.teams.delete({ id: team.id });
  }

  /** Adds a member, or changes the role of one already in the team. */
  async addMember(caller: AuthUser, teamId: string, dto: AddMemberDto): Promise<{ detail: TeamDetail; created: boolean }> {
    const { team, role } = await this.access.manageable(caller, teamId);
    const user = await this.users.findOneBy({ id: dto.userId });
    if (!user) throw notFound('User');
    const created = await this.db.transaction(async (em) => {
      const existing = await em.findOneBy(TeamMembershipEntity, { teamId: team.id, userId: user.id });
      if (existing) {
        if (existing.role === 'owner' && dto.role !== 'owner') await this.assertAnotherOwner(em.getRepository(TeamMembershipEntity), team.id, user.id);
        existing.role = dto.role;
        await em.save(existing);
        return false;
      }
      await em.save(em.create(TeamMembershipEntity, { teamId: team.id, userId: user.id, role: dto.role }));
      return true;
    });
    return { detail: await this.detail(team, user.id === caller.id ? dto.role : role), created };
  }

  /** Owners remove anyone; any member may leave. A team keeps at least one owner. */
  async removeMember(caller: AuthUser, teamId: string, userId: string): Promise<void> {
    const { team, role } = await this.access.readable(caller, teamId);
    if (userId !== caller.id && role !== 'owner' && !isAdmin(caller)) {
      throw new DomainError('FORBIDDEN', 'Only the team\'s owners may remove members');
    }
    await this.db.transaction(async (em) => {
      const repo = em.getRepository(TeamMembershipEntity);
      const membership = await repo.findOneBy({ teamId: team.id, userId });
      if (!membership) throw notFound('Team member');
      if (membership.role === 'owner') await this.assertAnotherOwner(repo, team.id, userId);
      await repo.delete({ id: membership.id });
    });
  }

  private async assertAnotherOwner(repo: Repository<TeamMembershipEntity>, teamId: string, exceptUserId: string): Promise<void> {
    const owners = await repo.countBy({ teamId, role: 'owner' });
    const isOwner = await repo.existsBy({ teamId, userId: exceptUserId, role: 'owner' });
    if (owners - (isOwner ? 1 : 0) < 1) {
      throw new DomainError('LAST_OWNER', 'A team needs at least one owner: make someone else owner first');
    }
  }

  private summary(team: TeamEntity, role: TeamRole | null, memberCount: number): TeamSummary {
    return { id: team.id, slug: team.slug, name: team.name, description: team.description, myRole: role, memberCount };
  }

  private async detail(team: TeamEntity, role: TeamRole | null): Promise<TeamDetail> {
    const members = await this.memberships.find({
      where: { teamId: team.id },
      relations: { user: true },
      order: { user: { email: 'ASC' } },
    });
    return {
      ...this.summary(team, role, members.length),
      createdAt: team.createdAt.toISOString(),
      members: members.flatMap((m) =>
        m.user ? [{ userId: m.userId, email: m.user.email, displayName: m.user.displayName, role: m.role }] : [],
      ),
    };
  }
}
