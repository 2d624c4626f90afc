import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PluginTestResult } from '@plugboard/shared-contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { PluginTestDto } from './playground.dto';
import { PlaygroundService } from './playground.service';

/** The plugin test playground: any signed-in user but viewers, for the plugins available to them. */
@ApiTags('plugins')
@ApiBearerAuth()
@Controller('admin/plugins')
export class PlaygroundController {
  constructor(private readonly playground: PlaygroundService) {}

  @Post('test')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The hook\'s result, modified payload, duration and errors; nothing is written' })
  @ApiProblems(403, 404, 422)
  test(@CurrentUser() caller: AuthUser, @Body() dto: PluginTestDto): Promise<PluginTestResult> {
    return this.playground.test(caller, dto);
  }
}
