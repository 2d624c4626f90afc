import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { RequestId } from '../common/request-id.decorator';
import { PluginNamePipe } from '../governance/plugin-name.pipe';
import { PolicyChangeDto, PromotionImpactDto } from './dto/policy-change.dto';
import { PromotionService } from './promotion.service';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/plugins/:pluginName')
export class PromotionController {
  constructor(private readonly promotion: PromotionService) {}

  @Post('promote-to-mandatory')
  @HttpCode(200)
  @ApiOkResponse({
    type: PromotionImpactDto,
    description: 'The impact (servers, setting rows removed or kept and why, teams notified); with dryRun nothing changed, otherwise done, snapshotted and audited',
  })
  @ApiProblems(403, 404, 409)
  promote(
    @CurrentUser() actor: AuthUser,
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Body() dto: PolicyChangeDto,
    @RequestId() requestId: string | undefined,
  ): Promise<PromotionImpactDto> {
    return this.promotion.change(actor, pluginName, 'promote', dto, requestId);
  }

  @Post('demote-to-optional')
  @HttpCode(200)
  @ApiOkResponse({
    type: PromotionImpactDto,
    description: 'The impact; the plugin stays enabled globally and available for teams, so every server keeps it until someone allowed disables it',
  })
  @ApiProblems(403, 404, 409)
  demote(
    @CurrentUser() actor: AuthUser,
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Body() dto: PolicyChangeDto,
    @RequestId() requestId: string | undefined,
  ): Promise<PromotionImpactDto> {
    return this.promotion.change(actor, pluginName, 'demote', dto, requestId);
  }
}
