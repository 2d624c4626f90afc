import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import RE2 from 're2';
import addFormats from 'ajv-formats';
import type { InvokeResponse, Tool } from '@plugboard/shared-contracts';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError, notFound } from '../common/domain-error';
import { CreateToolDto } from './dto/server.dto';
import { ServerAccessService } from './server-access.service';
import { toTool } from './server.mapper';
import { assertUpstreamUrl, runTarget } from './tool-targets';
import { ToolEntity } from './tool.entity';
import { CoreSignals } from '../signals/signals.module';
import { PluginPipelineService } from '../plugins-runtime/plugin-pipeline.service';

const DEFAULT_INPUT_SCHEMA = { type: 'object', additionalProperties: true };
const MAX_TOOLS_PER_SERVER = 500;

@Injectable()
export class ToolsService {
  // addUsedSchema: false keeps a schema's $id from being registered, so tools never see each other's.
  private readonly ajv = new Ajv({
    allErrors: true,
    strict: false,
    addUsedSchema: false,
    // Tool owners write these schemas: `pattern` runs on RE2, never on backtracking RegExp.
    code: { regExp: RE2 as unknown as NonNullable<Options['code']>['regExp'] },
  });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @InjectRepository(ToolEntity) private readonly tools: Repository<ToolEntity>,
    private readonly access: ServerAccessService,
    private readonly pipeline: PluginPipelineService,
    private readonly signals: CoreSignals,
  ) {
    addFormats(this.ajv);
  }

  async list(caller: AuthUser, serverId: string): Promise<Tool[]> {
    const { server } = await this.access.readable(caller, serverId);
    const rows = await this.tools.find({ where: { serverId: server.id }, order: { name: 'ASC' } });
    return rows.map(toTool);
  }

  async create(caller: AuthUser, serverId: string, dto: CreateToolDto): Promise<Tool> {
    const { server } = await this.access.manageable(caller, serverId);
    const inputSchema = dto.inputSchema ?? DEFAULT_INPUT_SCHEMA;
    this.compile(inputSchema);
    const url = dto.target.type === 'http' ? assertUpstreamUrl(dto.target.url, this.settings.upstreamAllowlist) : null;
    if (dto.target.type === 'echo' && dto.target.url) {
      throw new DomainError('VALIDATION_FAILED', 'An echo target takes no url', { errors: [{ pointer: '/target/url', message: 'echo targets have no url' }] });
    }
    if (await this.tools.existsBy({ serverId: server.id, name: dto.name })) {
      throw new DomainError('ALREADY_EXISTS', `The server already has a tool named "${dto.name}"`);
    }
    if ((await this.tools.countBy({ serverId: server.id })) >= MAX_TOOLS_PER_SERVER) {
      throw new DomainError('CONFLICT', `A server holds at most ${MAX_TOOLS_PER_SERVER} tools`);
    }
    const tool = await this.tools.save(
      this.tools.create({
        serverId: server.id,
        name: dto.name,
        description: dto.description ?? '',
        inputSchema,
        resource: dto.resource ?? null,
        targetType: dto.target.type,
        targetUrl: url,
        timeoutMs: dto.target.timeoutMs ?? null,
      }),
    );
    return toTool(tool);
  }

  async remove(caller: AuthUser, serverId: string, toolName: string): Promise<void> {
    const { server } = await this.access.manageable(caller, serverId);
    const result = await this.tools.delete({ serverId: server.id, name: toolName });
    if (!result.affected) throw notFound('Tool');
  }

  /** Validates the arguments, then runs the call through the server's plugin chain (pre-hooks, target, post-hooks). */
  async invoke(caller: AuthUser, serverId: string, toolName: string, args: Record<string, unknown>, requestId: string | null = null): Promise<InvokeResponse> {
    const started = performance.now();
    const { server } = await this.access.readable(caller, serverId);
    const tool = await this.tools.findOneBy({ serverId: server.id, name: toolName });
    if (!tool) throw notFound('Tool');
    const validate = this.compile(tool.inputSchema);
    if (!validate(args)) {
      const errors = (validate.errors ?? []).map((e) => ({ pointer: e.instancePath || '/', message: e.message ?? 'invalid' }));
      throw new DomainError('ARGUMENTS_INVALID', `The arguments do not match the tool's input schema: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`, { errors });
    }
    const outcome = (value: 'ok' | 'blocked' | 'error'): void =>
      this.signals.toolInvoked({
        serverId: server.id,
        toolName: tool.name,
        userId: caller.id,
        outcome: value,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      });
    try {
      const { result, trace } = await this.pipeline.invokeTool({
        caller,
        requestId,
        server: { id: server.id, name: server.name },
        tool: { name: tool.name, resource: tool.resource },
        arguments: args,
        target: (finalArgs) =>
          runTarget(
            { type: tool.targetType, url: tool.targetUrl, timeoutMs: tool.timeoutMs },
            finalArgs,
            { allowlist: this.settings.upstreamAllowlist, defaultTimeoutMs: this.settings.upstreamTimeoutMs },
          ),
      });
      outcome('ok');
      return { result, trace, durationMs: Math.round((performance.now() - started) * 1000) / 1000 };
    } catch (error) {
      outcome(error instanceof DomainError && error.code === 'PLUGIN_VIOLATION' ? 'blocked' : 'error');
      throw error;
    }
  }

  private compile(schema: Record<string, unknown>): ValidateFunction {
    const key = JSON.stringify(schema);
    const cached = this.validators.get(key);
    if (cached) return cached;
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(schema);
    } catch (error) {
      throw new DomainError('VALIDATION_FAILED', `inputSchema is not a valid JSON Schema: ${error instanceof Error ? error.message : 'invalid'}`, {
        errors: [{ pointer: '/inputSchema', message: 'not a valid JSON Schema' }],
      });
    }
    // An async validator answers a promise: every call would pass, and a rejection would go unhandled.
    if ((validate as { $async?: unknown }).$async) {
      throw new DomainError('VALIDATION_FAILED', 'inputSchema must not be asynchronous ($async)', {
        errors: [{ pointer: '/inputSchema', message: 'asynchronous schemas are not supported' }],
      });
    }
    if (this.validators.size > 1000) {
      this.validators.clear();
      this.ajv.removeSchema(); // Ajv's own cache of compiled schemas, which would otherwise only grow
    }
    this.validators.set(key, validate);
    return validate;
  }
}
