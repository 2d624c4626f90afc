import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { GetPromptResponse, ServerPrompt } from '@plugboard/shared-contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { RequestId } from '../common/request-id.decorator';
import { uuidParam } from '../common/uuid-param.pipe';
import { CreatePromptDto, GetPromptDto, GetPromptResponseDto, ServerPromptDto } from './dto/prompt.dto';
import { PromptsService } from './prompts.service';

@ApiTags('servers')
@ApiBearerAuth()
@Controller('servers/:serverId/prompts')
export class ServerPromptsController {
  constructor(private readonly prompts: PromptsService) {}

  @Get()
  @ApiOkResponse({ type: [ServerPromptDto] })
  @ApiProblems(403, 404)
  list(@CurrentUser() caller: AuthUser, @Param('serverId', uuidParam('Server')) serverId: string): Promise<ServerPrompt[]> {
    return this.prompts.list(caller, serverId);
  }

  @Post()
  @ApiCreatedResponse({ type: ServerPromptDto })
  @ApiProblems(403, 404, 409)
  create(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Body() dto: CreatePromptDto,
  ): Promise<ServerPrompt> {
    return this.prompts.create(caller, serverId, dto);
  }

  @Delete(':promptName')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(403, 404)
  remove(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Param('promptName') promptName: string,
  ): Promise<void> {
    return this.prompts.remove(caller, serverId, promptName);
  }

  @Post(':promptName/get')
  @HttpCode(200)
  @ApiOkResponse({ type: GetPromptResponseDto, description: 'The rendered messages, after the prompt_pre_fetch and prompt_post_fetch hooks' })
  @ApiProblems(403, 404, 422)
  get(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Param('promptName') promptName: string,
    @Body() dto: GetPromptDto,
    @RequestId() requestId: string | undefined,
  ): Promise<GetPromptResponse> {
    return this.prompts.get(caller, serverId, promptName, dto.arguments ?? {}, requestId ?? null);
  }
}
