import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { GetPromptResponse, ServerPrompt } from '@plugboard/shared-contracts';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { PluginPipelineService } from '../plugins-runtime/plugin-pipeline.service';
import { CreatePromptDto } from './dto/prompt.dto';
import { promptArgumentProblems, renderPromptTemplate, undeclaredPlaceholders } from './prompt-template.util';
import { ServerAccessService } from './server-access.service';
import { toServerPrompt } from './server.mapper';
import { ServerPromptEntity } from './server-prompt.entity';

const MAX_PROMPTS_PER_SERVER = 500;

/** A server's prompt templates, rendered through the chain's prompt fetch hooks. */
@Injectable()
export class PromptsService {
  constructor(
    @InjectRepository(ServerPromptEntity) private readonly prompts: Repository<ServerPromptEntity>,
    private readonly access: ServerAccessService,
    private readonly pipeline: PluginPipelineService,
  ) {}

  async list(caller: AuthUser, serverId: string): Promise<ServerPrompt[]> {
    const { server } = await this.access.readable(caller, serverId);
    const rows = await this.prompts.find({ where: { serverId: server.id }, order: { name: 'ASC' } });
    return rows.map(toServerPrompt);
  }

  async create(caller: AuthUser, serverId: string, dto: CreatePromptDto): Promise<ServerPrompt> {
    const { server } = await this.access.manageable(caller, serverId);
    const args = (dto.arguments ?? []).map((a) => ({ name: a.name, description: a.description ?? '', required: a.required ?? false }));
    const seen = new Set<string>();
    args.forEach((a, i) => {
      if (seen.has(a.name)) throw invalid(`/arguments/${i}/name`, `The argument "${a.name}" is declared twice`);
      seen.add(a.name);
    });
    const undeclared = undeclaredPlaceholders(dto.template, args);
    if (undeclared.length > 0) {
      throw invalid('/template', `The template uses undeclared argument(s): ${undeclared.join(', ')}`);
    }
    if (await this.prompts.existsBy({ serverId: server.id, name: dto.name })) {
      throw new DomainError('ALREADY_EXISTS', `The server already has a prompt named "${dto.name}"`);
    }
    if ((await this.prompts.countBy({ serverId: server.id })) >= MAX_PROMPTS_PER_SERVER) {
      throw new DomainError('CONFLICT', `A server holds at most ${MAX_PROMPTS_PER_SERVER} prompts`);
    }
    const row = await this.prompts.save(
      this.prompts.create({ serverId: server.id, name: dto.name, description: dto.description ?? '', arguments: args, template: dto.template }),
    );
    return toServerPrompt(row);
  }

  async remove(caller: AuthUser, serverId: string, promptName: string): Promise<void> {
    const { server } = await this.access.manageable(caller, serverId);
    const result = await this.prompts.delete({ serverId: server.id, name: promptName });
    if (!result.affected) throw notFound('Prompt');
  }

  /** Checks the arguments, then renders through prompt_pre_fetch, the template, prompt_post_fetch. */
  async get(caller: AuthUser, serverId: string, promptName: string, args: Record<string, unknown>, requestId: string | null = null): Promise<GetPromptResponse> {
    const { server } = await this.access.readable(caller, serverId);
    const prompt = await this.prompts.findOneBy({ serverId: server.id, name: promptName });
    if (!prompt) throw notFound('Prompt');
    const problems = promptArgumentProblems(prompt.arguments, args);
    if (problems.length > 0) {
      throw new DomainError('PROMPT_ARGUMENTS_INVALID', `The arguments do not fit the prompt: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`, { errors: problems });
    }
    const { content, trace } = await this.pipeline.getPrompt({
      caller,
      requestId,
      server: { id: server.id, name: server.name },
      uri: prompt.name,
      arguments: args,
      fetch: async (payload) => renderPromptTemplate(prompt.template, payload.arguments ?? {}),
    });
    const text = typeof content === 'string' ? content : (JSON.stringify(content) ?? '');
    return { description: prompt.description, messages: [{ role: 'user', content: { type: 'text', text } }], trace };
  }
}

function invalid(pointer: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { errors: [{ pointer, message }] });
}
