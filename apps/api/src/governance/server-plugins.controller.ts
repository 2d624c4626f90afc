import { Body, Controller, Delete, Get, Headers, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { uuidParam } from '../common/uuid-param.pipe';
import { CreateServerSettingDto, DeleteSettingDto, ServerSettingDto, toSettingWrite } from './dto/plugin-setting.dto';
import { ServerChainDto, WriteOutcomeDto } from './dto/setting-views.dto';
import { BADGE_OF_LEVEL } from '@plugboard/governance';
import { parseIfMatch } from './if-match';
import { SettingTargetsService } from './setting-targets.service';
import { SettingsService, type WriteOutcome } from './settings.service';
import { PluginNamePipe } from './plugin-name.pipe';
import { requestIdOf } from './team-plugins.controller';
import { ChainService } from './chain.service';


@ApiTags('plugin settings')
@ApiBearerAuth()
@Controller('servers/:serverId/plugins')
export class ServerPluginsController {
  constructor(
    private readonly targets: SettingTargetsService,
    private readonly settings: SettingsService,
    private readonly chains: ChainService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ServerChainDto, description: 'The chain in execution order, ignored rows with reasons, and every plugin as the server level sees it' })
  @ApiProblems(403, 404)
  async chain(@CurrentUser() caller: AuthUser, @Param('serverId', uuidParam('Server')) serverId: string): Promise<ServerChainDto> {
    const target = await this.targets.server(caller, serverId);
    const [resolved, { plugins }] = await Promise.all([this.chains.forServer(target.id), this.settings.view(caller, target)]);
    return {
      serverId: target.id,
      chain: resolved.chain.map((entry) => ({ ...entry, badge: BADGE_OF_LEVEL[entry.level] })),
      ignored: resolved.ignored,
      degraded: resolved.degraded,
      problems: resolved.problems,
      canWrite: target.writable,
      plugins,
    };
  }

  @Post()
  @ApiCreatedResponse({ type: WriteOutcomeDto, description: 'Created (201), or the plan of a dry run (200)' })
  @ApiProblems(403, 404, 409, 422)
  async create(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Body() dto: CreateServerSettingDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteOutcome> {
    const target = await this.targets.server(caller, serverId);
    const outcome = await this.settings.write(caller, target, dto.pluginName, toSettingWrite(dto), { mode: 'create', requestId: requestIdOf(req) });
    res.status(outcome.dryRun ? 200 : 201);
    return outcome;
  }

  @Put(':pluginName')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version the write expects' })
  @ApiOkResponse({ type: WriteOutcomeDto })
  @ApiProblems(403, 404, 409, 422)
  async put(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Body() dto: ServerSettingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
  ): Promise<WriteOutcome> {
    const target = await this.targets.server(caller, serverId);
    return this.settings.write(caller, target, pluginName, toSettingWrite(dto), { mode: 'put', ifMatch: parseIfMatch(ifMatch), requestId: requestIdOf(req) });
  }

  @Delete(':pluginName')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: WriteOutcomeDto, description: 'The row is gone; the plan shows what changed' })
  @ApiProblems(403, 404, 409)
  async remove(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Body() dto: DeleteSettingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
  ): Promise<WriteOutcome> {
    const target = await this.targets.server(caller, serverId);
    return this.settings.write(caller, target, pluginName, null, {
      mode: 'delete', ifMatch: dto.version ?? parseIfMatch(ifMatch), dryRun: dto.dryRun, reason: dto.reason, requestId: requestIdOf(req),
    });
  }
}
