import { Inject, Injectable } from '@nestjs/common';
import { checkNewServerChain } from '@plugboard/governance';
import { SETTINGS, type Settings } from '../config/settings';
import { ChainService } from '../governance/chain.service';
import { GovernanceLockService } from '../governance/governance-lock.service';
import { RegistryStore } from '../governance/registry.store';
import { SettingRowsRepository } from '../governance/setting-rows.repository';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Page, ServerDetail, ServerSummary } from '@plugboard/shared-contracts';
import { isAdmin, type AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { likePattern, pageOf } from '../common/paging.dto';
import { TeamMembershipEntity } from '../teams/team-membership.entity';
import { TeamEntity } from '../teams/team.entity';
import { CreateServerDto, ServerQueryDto, UpdateServerDto } from './dto/server.dto';
import { ServerAccess, ServerAccessService } from './server-access.service';
import { toServerSummary, toTool } from './server.mapper';
import { ToolEntity } from './tool.entity';
import { VirtualServerEntity } from './virtual-server.entity';
import { CoreSignals } from '../signals/signals.module';

const serverRef = (s: VirtualServerEntity) => ({ id: s.id, name: s.name, teamId: s.teamId ?? null, ownerId: s.ownerId });

@Injectable()
export class ServersService {
  constructor(
    @InjectRepository(VirtualServerEntity) private readonly servers: Repository<VirtualServerEntity>,
    @InjectRepository(ToolEntity) private readonly tools: Repository<ToolEntity>,
    @InjectRepository(TeamMembershipEntity) private readonly memberships: Repository<TeamMembershipEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    private readonly access: ServerAccessService,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly lock: GovernanceLockService,
    private readonly registry: RegistryStore,
    private readonly rows: SettingRowsRepository,
    private readonly chains: ChainService,
    private readonly signals: CoreSignals,
  ) {}

  async list(caller: AuthUser, query: ServerQueryDto): Promise<Page<ServerSummary>> {
    const { limit, offset } = pageOf(query);
    const qb = this.servers
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.owner', 'owner')
      .leftJoinAndSelect('s.team', 'team')
      .orderBy('s.name', 'ASC')
      .take(limit)
      .skip(offset);
    if (!isAdmin(caller)) {
      qb.where(
        '(s.owner_id = :me OR s.team_id IN (SELECT m.team_id FROM team_memberships m WHERE m.user_id = :me))',
        { me: caller.id },
      );
    }
    if (query.teamId) qb.andWhere('s.team_id = :teamId', { teamId: query.teamId });
    if (query.q) qb.andWhere("LOWER(s.name) LIKE :p ESCAPE '\\'", { p: likePattern(query.q) });
    const [rows, total] = await qb.getManyAndCount();
    const counts = await this.toolCounts(rows.map((r) => r.id));
    return { items: rows.map((s) => toServerSummary(s, counts.get(s.id) ?? 0)), total, limit, offset };
  }

  async get(caller: AuthUser, serverId: string): Promise<ServerDetail> {
    return this.detail(await this.access.readable(caller, serverId));
  }

  async create(caller: AuthUser, dto: CreateServerDto): Promise<ServerDetail> {
    if (dto.teamId) {
      const member = await this.memberships.existsBy({ teamId: dto.teamId, userId: caller.id });
      // Admins may place servers in any existing team; others only in their own teams.
      const teamExists = member || (isAdmin(caller) && (await this.teamExists(dto.teamId)));
      if (!teamExists) throw notFound('Team');
    }
    await this.assertNameFree(dto.name);
    // Under the governance lock: the chain checked is the chain that exists when the row lands.
    const server = await this.lock.run(async (em) => {
      const [registry, { layers }] = await Promise.all([
        this.registry.within(em),
        this.rows.load({ team: dto.teamId ?? null, user: caller.id }, em),
      ]);
      const check = checkNewServerChain(registry, layers, { rbacEnabled: this.settings.pluginRbacEnabled });
      if (!check.ok) {
        throw new DomainError(check.code, check.detail, { problems: check.problems ?? [], suggestions: check.suggestions });
      }
      return em.save(
        em.create(VirtualServerEntity, { name: dto.name, description: dto.description ?? '', ownerId: caller.id, teamId: dto.teamId ?? null }),
      );
    });
    this.signals.emit('server.created', { server: serverRef(server), actorId: caller.id });
    return this.get(caller, server.id);
  }

  async update(caller: AuthUser, serverId: string, dto: UpdateServerDto): Promise<ServerDetail> {
    const { server } = await this.access.manageable(caller, serverId);
    if (dto.name !== undefined && dto.name !== server.name) {
      await this.assertNameFree(dto.name);
      server.name = dto.name;
    }
    if (dto.description !== undefined) server.description = dto.description;
    await this.servers.save(server);
    this.signals.emit('server.updated', { server: serverRef(server), actorId: caller.id });
    return this.get(caller, server.id);
  }

  async remove(caller: AuthUser, serverId: string): Promise<void> {
    const { server } = await this.access.manageable(caller, serverId);
    await this.servers.delete({ id: server.id });
    this.chains.forget(server.id);
    this.signals.emit('server.deleted', { server: serverRef(server), actorId: caller.id });
  }

  private async detail(access: ServerAccess): Promise<ServerDetail> {
    const tools = await this.tools.find({ where: { serverId: access.server.id }, order: { name: 'ASC' } });
    return {
      ...toServerSummary(access.server, tools.length),
      tools: tools.map(toTool),
      permissions: {
        update: access.canManage,
        delete: access.canManage,
        manageTools: access.canManage,
        invoke: true,
      },
    };
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.servers.existsBy({ name })) {
      throw new DomainError('ALREADY_EXISTS', `A server named "${name}" already exists`);
    }
  }

  private teamExists(teamId: string): Promise<boolean> {
    return this.teams.existsBy({ id: teamId });
  }

  private async toolCounts(serverIds: string[]): Promise<Map<string, number>> {
    if (serverIds.length === 0) return new Map();
    const rows = await this.tools
      .createQueryBuilder('t')
      .select('t.server_id', 'serverId')
      .addSelect('COUNT(*)', 'count')
      .where('t.server_id IN (:...ids)', { ids: serverIds })
      .groupBy('t.server_id')
      .getRawMany<{ serverId: string; count: string | number }>();
    return new Map(rows.map((r) => [r.serverId, Number(r.count)]));
  }
}
