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
