import { Body, Controller, Delete, Get, Headers, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { CreateUserSettingDto, DeleteSettingDto, UserSettingDto, toSettingWrite } from './dto/plugin-setting.dto';
import { LevelSettingsDto, WriteOutcomeDto } from './dto/setting-views.dto';
import { parseIfMatch } from './if-match';
import { SettingTargetsService } from './setting-targets.service';
import { SettingsService, type WriteOutcome } from './settings.service';
import { PluginNamePipe } from './plugin-name.pipe';
import { requestIdOf } from './team-plugins.controller';


@ApiTags('plugin settings')
@ApiBearerAuth()
@Controller('users/me/plugins')
export class UserPluginsController {
  constructor(
    private readonly targets: SettingTargetsService,
    private readonly settings: SettingsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: LevelSettingsDto, description: "Mandatory > team defaults > mine: every plugin as your user level sees it" })
  @ApiProblems(403)
  async list(@CurrentUser() caller: AuthUser): Promise<LevelSettingsDto> {
    const target = await this.targets.me(caller);
    const { plugins } = await this.settings.view(caller, target);
    return { level: 'user', entityId: target.id, canWrite: target.writable, plugins };
  }

  @Post()
  @ApiCreatedResponse({ type: WriteOutcomeDto, description: 'Created (201), or the plan of a dry run (200)' })
  @ApiProblems(403, 404, 409, 422)
  async create(
    @CurrentUser() caller: AuthUser,
    @Body() dto: CreateUserSettingDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteOutcome> {
    const target = await this.targets.me(caller);
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
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Body() dto: UserSettingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
  ): Promise<WriteOutcome> {
    const target = await this.targets.me(caller);
    return this.settings.write(caller, target, pluginName, toSettingWrite(dto), { mode: 'put', ifMatch: parseIfMatch(ifMatch), requestId: requestIdOf(req) });
  }

  @Delete(':pluginName')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: WriteOutcomeDto, description: 'The row is gone; the plan shows what changed' })
  @ApiProblems(403, 404, 409)
  async remove(
    @CurrentUser() caller: AuthUser,
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Body() dto: DeleteSettingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
  ): Promise<WriteOutcome> {
    const target = await this.targets.me(caller);
    return this.settings.write(caller, target, pluginName, null, {
      mode: 'delete', ifMatch: dto.version ?? parseIfMatch(ifMatch), dryRun: dto.dryRun, reason: dto.reason, requestId: requestIdOf(req),
    });
  }
}
