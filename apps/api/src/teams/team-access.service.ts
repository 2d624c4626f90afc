import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TeamRole } from '@plugboard/shared-contracts';
import { isAdmin, type AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { TeamEntity } from './team.entity';
import { TeamMembershipEntity } from './team-membership.entity';
import { PermissionDecisions, pluginUser } from '../signals/signals.module';

/** Who may see and manage a team; one place for the team rules of SPEC section 5. */
@Injectable()
export class TeamAccessService {
  constructor(
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(TeamMembershipEntity) private readonly memberships: Repository<TeamMembershipEntity>,
    private readonly permissions: PermissionDecisions,
  ) {}

  async roleOf(userId: string, teamId: string): Promise<TeamRole | null> {
    const m = await this.memberships.findOneBy({ userId, teamId });
    return m?.role ?? null;
  }

  /** The team if the caller may see it (a member or an admin); otherwise 404, so ids don't leak. */
  async readable(caller: AuthUser, teamId: string): Promise<{ team: TeamEntity; role: TeamRole | null }> {
    const team = await this.teams.findOneBy({ id: teamId });
    const role = team ? await this.roleOf(caller.id, team.id) : null;
    if (!team) throw notFound('Team');
    if (!role && !(await this.permissions.isPlatformAdmin(caller)) && !(await this.ownerByHook(caller, team.id))) throw notFound('Team');
    return { team, role };
  }

  /** Grant-only is_team_owner hooks: consulted only when the core says "not an owner". */
  private ownerByHook(caller: AuthUser, teamId: string): Promise<boolean> {
    return this.permissions.grants(false, 'is_team_owner', { user: pluginUser(caller), teamId });
  }

  /** The team if the caller owns it or is an admin; members get 403, strangers 404. */
  async manageable(caller: AuthUser, teamId: string): Promise<{ team: TeamEntity; role: TeamRole | null }> {
    const access = await this.readable(caller, teamId);
    const owner = access.role === 'owner' || isAdmin(caller)
      || (await this.permissions.isPlatformAdmin(caller)) || (await this.ownerByHook(caller, teamId));
    if (!owner) {
      throw new DomainError('FORBIDDEN', 'Only the team\'s owners may change it');
    }
    return access;
  }
}
