import { RequestId } from '../common/request-id.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { InvokeResponse, Page, ServerDetail, ServerSummary, Tool } from '@plugboard/shared-contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { uuidParam } from '../common/uuid-param.pipe';
import {
  CreateServerDto, CreateToolDto, InvokeResponseDto, InvokeToolDto, ServerDetailDto, ServerPageDto,
  ServerQueryDto, ToolDto, UpdateServerDto,
} from './dto/server.dto';
import { ServersService } from './servers.service';
import { ToolsService } from './tools.service';

@ApiTags('servers')
@ApiBearerAuth()
@Controller('servers')
export class ServersController {
  constructor(
    private readonly servers: ServersService,
    private readonly tools: ToolsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ServerPageDto })
  @ApiProblems(403)
  list(@CurrentUser() caller: AuthUser, @Query() query: ServerQueryDto): Promise<Page<ServerSummary>> {
    return this.servers.list(caller, query);
  }

  @Post()
  @ApiCreatedResponse({ type: ServerDetailDto })
  @ApiProblems(403, 404, 409)
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateServerDto): Promise<ServerDetail> {
    return this.servers.create(caller, dto);
  }

  @Get(':serverId')
  @ApiOkResponse({ type: ServerDetailDto })
  @ApiProblems(403, 404)
  get(@CurrentUser() caller: AuthUser, @Param('serverId', uuidParam('Server')) serverId: string): Promise<ServerDetail> {
    return this.servers.get(caller, serverId);
  }

  @Patch(':serverId')
  @ApiOkResponse({ type: ServerDetailDto })
  @ApiProblems(403, 404, 409)
  update(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Body() dto: UpdateServerDto,
  ): Promise<ServerDetail> {
    return this.servers.update(caller, serverId, dto);
  }

  @Delete(':serverId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(403, 404)
  remove(@CurrentUser() caller: AuthUser, @Param('serverId', uuidParam('Server')) serverId: string): Promise<void> {
    return this.servers.remove(caller, serverId);
  }

  @Get(':serverId/tools')
  @ApiOkResponse({ type: [ToolDto] })
  @ApiProblems(403, 404)
  listTools(@CurrentUser() caller: AuthUser, @Param('serverId', uuidParam('Server')) serverId: string): Promise<Tool[]> {
    return this.tools.list(caller, serverId);
  }

  @Post(':serverId/tools')
  @ApiCreatedResponse({ type: ToolDto })
  @ApiProblems(403, 404, 409, 422)
  createTool(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Body() dto: CreateToolDto,
  ): Promise<Tool> {
    return this.tools.create(caller, serverId, dto);
  }

  @Delete(':serverId/tools/:toolName')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(403, 404)
  removeTool(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Param('toolName') toolName: string,
  ): Promise<void> {
    return this.tools.remove(caller, serverId, toolName);
  }

  @Post(':serverId/tools/:toolName/invoke')
  @HttpCode(200)
  @ApiOkResponse({ type: InvokeResponseDto })
  @ApiProblems(403, 404, 422, 502, 504)
  invoke(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Param('toolName') toolName: string,
    @Body() dto: InvokeToolDto,
    @RequestId() requestId: string | undefined,
  ): Promise<InvokeResponse> {
    return this.tools.invoke(caller, serverId, toolName, dto.arguments ?? {}, requestId ?? null);
  }
}
