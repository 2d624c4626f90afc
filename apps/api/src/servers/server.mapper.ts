import type { ServerSummary, Tool } from '@plugboard/shared-contracts';
import type { ToolEntity } from './tool.entity';
import type { VirtualServerEntity } from './virtual-server.entity';

export function toTool(tool: ToolEntity): Tool {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    resource: tool.resource,
    target: {
      type: tool.targetType,
      ...(tool.targetUrl ? { url: tool.targetUrl } : {}),
      ...(tool.timeoutMs ? { timeoutMs: tool.timeoutMs } : {}),
    },
  };
}

export function toServerSummary(server: VirtualServerEntity, toolCount: number): ServerSummary {
  return {
    id: server.id,
    name: server.name,
    description: server.description,
    ownerId: server.ownerId,
    ownerEmail: server.owner?.email ?? '',
    teamId: server.teamId,
    teamName: server.team?.name ?? null,
    toolCount,
    createdAt: server.createdAt.toISOString(),
    updatedAt: server.updatedAt.toISOString(),
  };
}
