import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SETTINGS, type Settings } from '../config/settings';
import { isAdmin, type AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { ServerAccessService } from '../servers/server-access.service';
import { TeamAccessService } from '../teams/team-access.service';
import { TeamMembershipEntity } from '../teams/team-membership.entity';
import { UserEntity } from '../users/user.entity';
import type { SettingTarget } from './settings.service';

/** Turns a caller and a path id into a settings target, applying SPEC 5's access rules. */
@Injectable()
export class SettingTargetsService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly teams: TeamAccessService,
    private readonly servers: ServerAccessService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(TeamMembershipEntity) private readonly memberships: Repository<TeamMembershipEntity>,
  ) {}

  /** Owners write, members read, strangers get 404. */
  async team(caller: AuthUser, teamId: string): Promise<SettingTarget> {
    const { team, role } = await this.teams.readable(caller, teamId);
    return { level: 'team', id: team.id, name: team.slug, writable: role === 'owner' || isAdmin(caller) };
  }

  /**
   * The caller's own settings. Their template chain sees their team's layer when they belong
   * to exactly one team; with several, a server's team decides, so the template has none.
   */
  async me(caller: AuthUser): Promise<SettingTarget> {
    const user = await this.users.findOneBy({ id: caller.id });
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The signed-in user no longer exists');
    const teams = await this.memberships.find({ where: { userId: user.id }, select: { teamId: true } });
    return {
      level: 'user',
      id: user.id,
      name: user.email,
      templateTeamId: teams.length === 1 ? teams[0]!.teamId : null,
      writable: true,
      userCustomizationAllowed: this.settings.userPluginCustomizationAllowed && user.pluginCustomizationAllowed,
    };
  }

  /** Readers: owner, team members, admins; writers: owner and admins. */
  async server(caller: AuthUser, serverId: string): Promise<SettingTarget> {
    const { server, canManage } = await this.servers.readable(caller, serverId);
    return {
      level: 'server',
      id: server.id,
      name: server.name,
      teamId: server.teamId,
      ownerId: server.ownerId,
      writable: canManage,
    };
  }
}
