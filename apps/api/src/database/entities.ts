import { ApiTokenEntity } from '../users/api-token.entity';
import { UserEntity } from '../users/user.entity';
import { TeamEntity } from '../teams/team.entity';
import { TeamMembershipEntity } from '../teams/team-membership.entity';
import { VirtualServerEntity } from '../servers/virtual-server.entity';
import { ToolEntity } from '../servers/tool.entity';
import { ServerResourceEntity } from '../servers/server-resource.entity';
import { ServerPromptEntity } from '../servers/server-prompt.entity';
import { RegistryEntryEntity } from '../governance/registry-entry.entity';
import { TeamPluginEntity } from '../governance/team-plugin.entity';
import { UserPluginEntity } from '../governance/user-plugin.entity';
import { ServerPluginEntity } from '../governance/server-plugin.entity';
import { PluginAuditLogEntity } from '../governance/plugin-audit-log.entity';
import { PluginRoleAssignmentEntity } from '../governance/plugin-role-assignment.entity';
import { PolicySnapshotEntity } from '../governance/policy-snapshot.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { ToolCallLogEntity } from '../plugins-runtime/tool-call-log.entity';

export const ENTITIES = [
  UserEntity,
  ApiTokenEntity,
  TeamEntity,
  TeamMembershipEntity,
  VirtualServerEntity,
  ToolEntity,
  ServerResourceEntity,
  ServerPromptEntity,
  RegistryEntryEntity,
  TeamPluginEntity,
  UserPluginEntity,
  ServerPluginEntity,
  PluginAuditLogEntity,
  PluginRoleAssignmentEntity,
  PolicySnapshotEntity,
  NotificationEntity,
  ToolCallLogEntity,
];
