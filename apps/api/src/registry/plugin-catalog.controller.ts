import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PluginCatalog } from '@plugboard/shared-contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ViewerAllowed } from '../auth/platform-role.guard';
import { ApiProblems } from '../common/openapi.decorators';
import { PluginCatalogDto } from './dto/plugin-catalog.dto';
import { PluginCatalogService } from './plugin-catalog.service';

@ApiTags('plugins')
@ApiBearerAuth()
@Controller('plugins')
export class PluginCatalogController {
  constructor(private readonly catalog: PluginCatalogService) {}

  @Get()
  @ViewerAllowed()
  @ApiOkResponse({ type: PluginCatalogDto, description: 'Every registry plugin, with where the caller may use it (docs/decisions/0006)' })
  @ApiProblems()
  list(@CurrentUser() caller: AuthUser): Promise<PluginCatalog> {
    return this.catalog.list(caller);
  }
}
