import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ReadResourceResponse, ServerResource } from '@plugboard/shared-contracts';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError, notFound } from '../common/domain-error';
import { PluginPipelineService } from '../plugins-runtime/plugin-pipeline.service';
import { CreateResourceDto } from './dto/resource.dto';
import { ServerAccessService } from './server-access.service';
import { toServerResource } from './server.mapper';
import { ServerResourceEntity } from './server-resource.entity';
import { assertUpstreamUrl, callUpstream } from './tool-targets';

const MAX_RESOURCES_PER_SERVER = 500;

/** Hooks may rewrite the content into any JSON value; a reader gets text. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return JSON.stringify(content) ?? '';
}

function mediaType(contentType: string): string | undefined {
  const type = contentType.split(';')[0]?.trim();
  return type ? type : undefined;
}

/** A server's resources: static text or an allowed http(s) URL, read through the chain's fetch hooks. */
@Injectable()
export class ResourcesService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @InjectRepository(ServerResourceEntity) private readonly resources: Repository<ServerResourceEntity>,
    private readonly access: ServerAccessService,
    private readonly pipeline: PluginPipelineService,
  ) {}

  async list(caller: AuthUser, serverId: string): Promise<ServerResource[]> {
    const { server } = await this.access.readable(caller, serverId);
    const rows = await this.resources.find({ where: { serverId: server.id }, order: { uri: 'ASC' } });
    return rows.map(toServerResource);
  }

  async create(caller: AuthUser, serverId: string, dto: CreateResourceDto): Promise<ServerResource> {
    const { server } = await this.access.manageable(caller, serverId);
    const { target } = dto;
    let url: string | null = null;
    if (target.type === 'text') {
      if (target.text === undefined) throw invalid('/target/text', 'A text target needs its text');
      if (target.url !== undefined || target.timeoutMs !== undefined) throw invalid(target.url !== undefined ? '/target/url' : '/target/timeoutMs', 'A text target takes no url or timeoutMs');
    } else {
      if (target.text !== undefined) throw invalid('/target/text', 'An http target takes no text: its content is fetched');
      url = assertUpstreamUrl(target.url ?? (/^https?:/i.test(dto.uri) ? dto.uri : undefined), this.settings.upstreamAllowlist);
    }
    if (await this.resources.existsBy({ serverId: server.id, uri: dto.uri })) {
      throw new DomainError('ALREADY_EXISTS', `The server already has a resource with the URI "${dto.uri}"`);
    }
    if ((await this.resources.countBy({ serverId: server.id })) >= MAX_RESOURCES_PER_SERVER) {
      throw new DomainError('CONFLICT', `A server holds at most ${MAX_RESOURCES_PER_SERVER} resources`);
    }
    const row = await this.resources.save(
      this.resources.create({
        serverId: server.id,
        uri: dto.uri,
        name: dto.name,
        description: dto.description ?? '',
        mimeType: dto.mimeType ?? null,
        targetType: target.type,
        targetText: target.type === 'text' ? (target.text ?? '') : null,
        targetUrl: url,
        timeoutMs: target.timeoutMs ?? null,
      }),
    );
    return toServerResource(row);
  }

  async remove(caller: AuthUser, serverId: string, resourceId: string): Promise<void> {
    const { server } = await this.access.manageable(caller, serverId);
    const result = await this.resources.delete({ serverId: server.id, id: resourceId });
    if (!result.affected) throw notFound('Resource');
  }

  /** Reads a resource through resource_pre_fetch, the fetch, resource_post_fetch. */
  async read(caller: AuthUser, serverId: string, uri: string, requestId: string | null = null): Promise<ReadResourceResponse> {
    const { server } = await this.access.readable(caller, serverId);
    const found = await this.find(server.id, uri);
    let served = found;
    let fetchedType: string | undefined;
    const { content, trace } = await this.pipeline.fetchResource({
      caller,
      requestId,
      server: { id: server.id, name: server.name },
      uri: found.uri,
      fetch: async (payload) => {
        // A pre-fetch hook may point the read at another resource of the same server.
        served = payload.uri === found.uri ? found : await this.find(server.id, payload.uri);
        if (served.targetType === 'text') return served.targetText ?? '';
        const answer = await callUpstream(served.targetUrl, { method: 'GET' }, {
          allowlist: this.settings.upstreamAllowlist,
          timeoutMs: served.timeoutMs ?? this.settings.upstreamTimeoutMs,
        });
        fetchedType = mediaType(answer.contentType);
        return answer.text;
      },
    });
    const mimeType = served.mimeType ?? fetchedType;
    return { contents: [{ uri: served.uri, ...(mimeType ? { mimeType } : {}), text: contentText(content) }], trace };
  }

  private async find(serverId: string, uri: string): Promise<ServerResourceEntity> {
    const row = await this.resources.findOneBy({ serverId, uri });
    if (!row) throw notFound('Resource');
    return row;
  }
}

function invalid(pointer: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { errors: [{ pointer, message }] });
}
