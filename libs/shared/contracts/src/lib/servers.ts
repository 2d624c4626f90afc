export type ToolTargetType = 'echo' | 'http';

export interface ServerSummary {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  ownerEmail: string;
  teamId: string | null;
  teamName: string | null;
  toolCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Tool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  resource: string | null;
  target: { type: ToolTargetType; url?: string; timeoutMs?: number };
}

export interface ServerDetail extends ServerSummary {
  tools: Tool[];
  /** What the caller may do, so a UI can hide what it may not. */
  permissions: { update: boolean; delete: boolean; manageTools: boolean; invoke: boolean };
}

export interface TraceEntry {
  plugin: string;
  hook: string;
  outcome: 'continue' | 'modified' | 'violation' | 'error' | 'timeout' | 'skipped';
  durationMs: number;
  detail?: string;
}

export interface InvokeResponse {
  result: unknown;
  trace: TraceEntry[];
  durationMs: number;
}

export interface CreateServerRequest {
  name: string;
  description?: string;
  teamId?: string;
}

export interface CreateToolRequest {
  name: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  resource?: string;
  target: { type: ToolTargetType; url?: string; timeoutMs?: number };
}

export interface InvokeToolRequest {
  arguments: Record<string, unknown>;
}

export type ResourceTargetType = 'text' | 'http';

/** A resource a virtual server exposes (MCP `resources/list`). */
export interface ServerResource {
  id: string;
  uri: string;
  name: string;
  description: string;
  mimeType: string | null;
  target: { type: ResourceTargetType; text?: string; url?: string; timeoutMs?: number };
  createdAt: string;
}

export interface CreateResourceRequest {
  uri: string;
  name: string;
  description?: string;
  mimeType?: string;
  target: { type: ResourceTargetType; text?: string; url?: string; timeoutMs?: number };
}

/** One content item of a read resource, shaped as MCP's `resources/read` answers it. */
export interface ResourceContent {
  uri: string;
  mimeType?: string;
  text: string;
}

export interface ReadResourceResponse {
  contents: ResourceContent[];
  trace: TraceEntry[];
}

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

/** A prompt template a virtual server exposes (MCP `prompts/list`). */
export interface ServerPrompt {
  id: string;
  name: string;
  description: string;
  arguments: PromptArgument[];
  template: string;
  createdAt: string;
}

export interface CreatePromptRequest {
  name: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
  template: string;
}

export interface PromptMessage {
  role: 'user' | 'assistant';
  content: { type: 'text'; text: string };
}

export interface GetPromptResponse {
  description: string;
  messages: PromptMessage[];
  trace: TraceEntry[];
}
