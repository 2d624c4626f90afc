import type { ServerPrompt, ServerResource, ServerSummary, Tool } from '@plugboard/shared-contracts';
import type { ServerPromptEntity } from './server-prompt.entity';
import type { ServerResourceEntity } from './server-resource.entity';
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

export function toServerResource(resource: ServerResourceEntity): ServerResource {
  return {
    id: resource.id,
    uri: resource.uri,
    name: resource.name,
    description: resource.description,
    mimeType: resource.mimeType,
    target: {
      type: resource.targetType,
      ...(resource.targetText !== null ? { text: resource.targetText } : {}),
      ...(resource.targetUrl ? { url: resource.targetUrl } : {}),
      ...(resource.timeoutMs ? { timeoutMs: resource.timeoutMs } : {}),
    },
    createdAt: resource.createdAt.toISOString(),
  };
}

export function toServerPrompt(prompt: ServerPromptEntity): ServerPrompt {
  return {
    id: prompt.id,
    name: prompt.name,
    description: prompt.description,
    arguments: prompt.arguments.map((a) => ({ name: a.name, description: a.description, required: a.required })),
    template: prompt.template,
    createdAt: prompt.createdAt.toISOString(),
  };
}
