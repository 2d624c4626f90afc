import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TeamRole } from '@plugboard/shared-contracts';
import { isAdmin, type AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { TeamMembershipEntity } from '../teams/team-membership.entity';
import { VirtualServerEntity } from './virtual-server.entity';
import { PermissionDecisions, pluginUser } from '../signals/signals.module';

export interface ServerAccess {
  server: VirtualServerEntity;
  /** The caller's role in the server's team, if any. */
  teamRole: TeamRole | null;
  canManage: boolean;
}

/**
 * Server rules: the owner and platform admins manage a server; members of its team (owners
 * and members) see and use it; anyone else gets 404.
 */
@Injectable()
export class ServerAccessService {
  constructor(
    @InjectRepository(VirtualServerEntity) private readonly servers: Repository<VirtualServerEntity>,
    @InjectRepository(TeamMembershipEntity) private readonly memberships: Repository<TeamMembershipEntity>,
    private readonly permissions: PermissionDecisions,
  ) {}

  async readable(caller: AuthUser, serverId: string): Promise<ServerAccess> {
    const server = await this.servers.findOne({ where: { id: serverId }, relations: { owner: true, team: true } });
    if (!server) throw notFound('Server');
    const teamRole = server.teamId
      ? ((await this.memberships.findOneBy({ teamId: server.teamId, userId: caller.id }))?.role ?? null)
      : null;
    // Grant-only hooks (is_platform_admin, is_server_owner) are asked only when the core says no.
    const canManage = server.ownerId === caller.id || isAdmin(caller)
      || (await this.permissions.isPlatformAdmin(caller))
      || (await this.permissions.grants(false, 'is_server_owner', { user: pluginUser(caller), serverId: server.id, teamId: server.teamId ?? null }));
    if (!canManage && !teamRole) throw notFound('Server');
    return { server, teamRole, canManage };
  }

  async manageable(caller: AuthUser, serverId: string): Promise<ServerAccess> {
    const access = await this.readable(caller, serverId);
    if (!access.canManage) {
      throw new DomainError('FORBIDDEN', 'Only the server\'s owner or a platform admin may change it');
    }
    return access;
  }
}
