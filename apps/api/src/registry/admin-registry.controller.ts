import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RegistryList, RegistrySyncReport, RegistryUpdateResult } from '@plugboard/shared-contracts';
import { AdminOnly, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { actorOf } from '../governance/audit.service';
import { parseIfMatch } from '../governance/if-match';
import { PluginNamePipe } from '../governance/plugin-name.pipe';
import { ApiProblems } from '../common/openapi.decorators';
import { RequestId } from '../common/request-id.decorator';
import { RegistryListDto, RegistryUpdateResultDto, UpdateRegistryEntryDto } from './dto/registry-entry.dto';
import { RegistrySyncReportDto, SyncRegistryDto } from './dto/registry-sync.dto';
import { RegistryAdminService } from './registry-admin.service';
import { RegistrySyncService } from './registry-sync.service';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/plugins')
export class AdminRegistryController {
  constructor(
    private readonly registry: RegistryAdminService,
    private readonly sync: RegistrySyncService,
  ) {}

  @Get('global')
  @ApiOkResponse({ type: RegistryListDto, description: 'The platform registry with every policy field' })
  @ApiProblems(403)
  list(): Promise<RegistryList> {
    return this.registry.list();
  }

  @Patch('global/:pluginName')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The entry\'s revision (alternative to the body\'s `revision`)' })
  @ApiOkResponse({ type: RegistryUpdateResultDto, description: 'The entry and the impact on every server (with dryRun: nothing changed)' })
  @ApiProblems(403, 404, 409, 422)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Body() dto: UpdateRegistryEntryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @RequestId() requestId: string | undefined,
  ): Promise<RegistryUpdateResult> {
    return this.registry.update(actor, pluginName, dto, { ifMatch: parseIfMatch(ifMatch), requestId });
  }

  @Post('sync')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrySyncReportDto, description: 'What the sync from PLUGBOARD_PLUGINS_CONFIG changed (or would, with dryRun)' })
  @ApiProblems(403, 422)
  syncFromYaml(
    @CurrentUser() actor: AuthUser,
    @Body() dto: SyncRegistryDto,
    @RequestId() requestId: string | undefined,
  ): Promise<RegistrySyncReport> {
    return this.sync.sync({ actor: actorOf(actor, requestId), force: dto.force, dryRun: dto.dryRun, reason: dto.reason });
  }
}
