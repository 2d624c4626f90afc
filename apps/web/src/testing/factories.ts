// Test data builders: sensible defaults, unique ids, override what the test is about.
import { HttpErrorResponse } from '@angular/common/http';
import type {
  InvokeResponse,
  Me,
  Page,
  ProblemDetails,
  ServerDetail,
  ServerSummary,
  TeamRef,
  Tool,
  TraceEntry,
} from '@plugboard/shared-contracts';

let sequence = 0;
const next = (): number => ++sequence;

export function newTeamRef(overrides: Partial<TeamRef> = {}): TeamRef {
  const n = next();
  return {
    id: `team-${n}`,
    slug: `team-${n}`,
    name: `Team ${n}`,
    role: 'member',
    ...overrides,
  };
}

export function newMe(overrides: Partial<Me> = {}): Me {
  const n = next();
  return {
    id: `user-${n}`,
    email: `user${n}@example.com`,
    displayName: `User ${n}`,
    platformRole: 'user',
    pluginCustomizationAllowed: true,
    teams: [newTeamRef()],
    ...overrides,
  };
}

export function newServerSummary(
  overrides: Partial<ServerSummary> = {},
): ServerSummary {
  const n = next();
  return {
    id: `server-${n}`,
    name: `server_${n}`,
    description: `Server number ${n}`,
    ownerId: 'user-owner',
    ownerEmail: 'owner@example.com',
    teamId: 'team-eng',
    teamName: 'Engineering',
    toolCount: 2,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function newTool(overrides: Partial<Tool> = {}): Tool {
  const n = next();
  return {
    name: `tool_${n}`,
    description: `Tool number ${n}`,
    inputSchema: { type: 'object' },
    resource: null,
    target: { type: 'echo' },
    ...overrides,
  };
}

export function newServerDetail(
  overrides: Partial<ServerDetail> = {},
): ServerDetail {
  return {
    ...newServerSummary(),
    tools: [newTool({ name: 'echo' }), newTool({ name: 'search' })],
    permissions: {
      update: true,
      delete: true,
      manageTools: true,
      invoke: true,
    },
    ...overrides,
  };
}

export function newPage<T>(
  items: T[],
  overrides: Partial<Page<T>> = {},
): Page<T> {
  return { items, total: items.length, limit: 20, offset: 0, ...overrides };
}

export function newTraceEntry(overrides: Partial<TraceEntry> = {}): TraceEntry {
  return {
    plugin: `plugin-${next()}`,
    hook: 'tool_pre_invoke',
    outcome: 'continue',
    durationMs: 0.12,
    ...overrides,
  };
}

export function newInvokeResponse(
  overrides: Partial<InvokeResponse> = {},
): InvokeResponse {
  return {
    result: { ok: true },
    trace: [newTraceEntry()],
    durationMs: 1.5,
    ...overrides,
  };
}

export function newProblem(
  overrides: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: 'https://plugboard.dev/problems/validation-failed',
    title: 'Validation failed',
    status: 400,
    detail: `Problem ${next()}`,
    code: 'VALIDATION_FAILED',
    ...overrides,
  };
}

/** What HttpClient throws for a problem+json answer. */
export function problemResponse(
  problem: ProblemDetails,
  url = '/api/test',
): HttpErrorResponse {
  return new HttpErrorResponse({
    error: problem,
    status: problem.status,
    statusText: problem.title,
    url,
  });
}
