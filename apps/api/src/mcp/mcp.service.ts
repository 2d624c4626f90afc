/**
 * The virtual server as a Model Context Protocol server over Streamable HTTP (stateless: a new
 * protocol server and transport for each request, so any instance can answer any request).
 */
import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema, GetPromptRequestSchema, JSONRPCMessageSchema, ListPromptsRequestSchema, ListResourcesRequestSchema,
  ListToolsRequestSchema, ReadResourceRequestSchema, type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { PromptsService } from '../servers/prompts.service';
import { ResourcesService } from '../servers/resources.service';
import { ServerAccessService } from '../servers/server-access.service';
import { ToolsService } from '../servers/tools.service';
import { JSONRPC, McpRequestError, toMcpRequestError, toolErrorResult } from './mcp-errors.util';

const SERVER_VERSION = '1.0.0';

/** MCP tools take an object of arguments: a schema that does not say so is read as one that does. */
function objectSchema(schema: Record<string, unknown>): { type: 'object'; [key: string]: unknown } {
  return { ...schema, type: 'object' };
}

function toolResult(result: unknown): CallToolResult {
  const text = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
  const structured = typeof result === 'object' && result !== null && !Array.isArray(result);
  return { content: [{ type: 'text', text }], ...(structured ? { structuredContent: result as Record<string, unknown> } : {}) };
}

interface McpCall {
  caller: AuthUser;
  serverId: string;
  serverName: string;
  requestId: string | null;
}

@Injectable()
export class McpService {
  private readonly logger = new Logger('Mcp');

  constructor(
    private readonly access: ServerAccessService,
    private readonly tools: ToolsService,
    private readonly resources: ResourcesService,
    private readonly prompts: PromptsService,
  ) {}

  /** POST: one JSON-RPC message (or notification) in, its answer out as JSON. */
  async handlePost(caller: AuthUser, serverId: string, { req, res, body }: { req: Request; res: Response; body: unknown }, requestId: string | null): Promise<void> {
    const { server } = await this.access.readable(caller, serverId);
    const accept = req.headers.accept ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      throw new DomainError('NOT_ACCEPTABLE', 'An MCP client must accept both application/json and text/event-stream');
    }
    if (!req.is('application/json')) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'An MCP message is sent as application/json');
    const parsed = JSONRPCMessageSchema.safeParse(body);
    if (!parsed.success) throw new DomainError('VALIDATION_FAILED', 'The body is not a JSON-RPC 2.0 message', { errors: [{ pointer: '/', message: 'not a JSON-RPC request, notification or response' }] });

    const mcp = this.protocolServer({ caller, serverId: server.id, serverName: server.name, requestId });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, parsed.data);
  }

  /** GET opens a stream for server-initiated messages; a stateless server has none to send, so 405 (as MCP allows). */
  async refuseStream(caller: AuthUser, serverId: string, res: Response): Promise<never> {
    await this.access.readable(caller, serverId);
    res.setHeader('Allow', 'POST, DELETE');
    throw new DomainError('METHOD_NOT_ALLOWED', 'This MCP server is stateless: it opens no stream for server-initiated messages; send messages with POST');
  }

  /** DELETE ends a session; there is none, so it succeeds with nothing to do (after the same 401/404 checks). */
  async endSession(caller: AuthUser, serverId: string): Promise<void> {
    await this.access.readable(caller, serverId);
  }

  private protocolServer(call: McpCall): Server {
    const mcp = new Server(
      { name: `plugboard-${call.serverName}`, version: SERVER_VERSION },
      { capabilities: { tools: {}, resources: {}, prompts: {} } },
    );
    const { caller, serverId, requestId } = call;

    mcp.setRequestHandler(ListToolsRequestSchema, () =>
      this.guard(async () => ({
        tools: (await this.tools.list(caller, serverId)).map((t) => ({ name: t.name, description: t.description, inputSchema: objectSchema(t.inputSchema) })),
      })),
    );
    mcp.setRequestHandler(CallToolRequestSchema, async (request) => {
      try {
        const { result } = await this.tools.invoke(caller, serverId, request.params.name, request.params.arguments ?? {}, requestId);
        return toolResult(result);
      } catch (error) {
        // An unknown tool is a protocol error; anything the call itself ran into is the tool's error result.
        if (error instanceof DomainError && error.code !== 'NOT_FOUND') return toolErrorResult(error);
        throw this.translate(error);
      }
    });
    mcp.setRequestHandler(ListResourcesRequestSchema, () =>
      this.guard(async () => ({
        resources: (await this.resources.list(caller, serverId)).map((r) => ({
          uri: r.uri,
          name: r.name,
          ...(r.description ? { description: r.description } : {}),
          ...(r.mimeType ? { mimeType: r.mimeType } : {}),
        })),
      })),
    );
    mcp.setRequestHandler(ReadResourceRequestSchema, (request) =>
      this.guard(async () => ({ contents: (await this.resources.read(caller, serverId, request.params.uri, requestId)).contents }), JSONRPC.RESOURCE_NOT_FOUND),
    );
    mcp.setRequestHandler(ListPromptsRequestSchema, () =>
      this.guard(async () => ({
        prompts: (await this.prompts.list(caller, serverId)).map((p) => ({
          name: p.name,
          ...(p.description ? { description: p.description } : {}),
          arguments: p.arguments.map((a) => ({ name: a.name, ...(a.description ? { description: a.description } : {}), required: a.required })),
        })),
      })),
    );
    mcp.setRequestHandler(GetPromptRequestSchema, (request) =>
      this.guard(async () => {
        const { description, messages } = await this.prompts.get(caller, serverId, request.params.name, request.params.arguments ?? {}, requestId);
        return { ...(description ? { description } : {}), messages };
      }),
    );
    return mcp;
  }

  private async guard<T>(work: () => Promise<T>, notFoundCode?: number): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.translate(error, notFoundCode);
    }
  }

  /** Domain errors keep their detail; anything unexpected is logged here and answered without internals. */
  private translate(error: unknown, notFoundCode?: number): McpRequestError {
    if (error instanceof DomainError) return toMcpRequestError(error, notFoundCode);
    this.logger.error(`MCP request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return new McpRequestError(JSONRPC.INTERNAL_ERROR, 'An unexpected error occurred');
  }
}
