import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ReadResourceResponse, ServerResource } from '@plugboard/shared-contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { RequestId } from '../common/request-id.decorator';
import { uuidParam } from '../common/uuid-param.pipe';
import { CreateResourceDto, ReadResourceDto, ReadResourceResponseDto, ServerResourceDto } from './dto/resource.dto';
import { ResourcesService } from './resources.service';

@ApiTags('servers')
@ApiBearerAuth()
@Controller('servers/:serverId/resources')
export class ServerResourcesController {
  constructor(private readonly resources: ResourcesService) {}

  @Get()
  @ApiOkResponse({ type: [ServerResourceDto] })
  @ApiProblems(403, 404)
  list(@CurrentUser() caller: AuthUser, @Param('serverId', uuidParam('Server')) serverId: string): Promise<ServerResource[]> {
    return this.resources.list(caller, serverId);
  }

  @Post()
  @ApiCreatedResponse({ type: ServerResourceDto })
  @ApiProblems(403, 404, 409)
  create(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Body() dto: CreateResourceDto,
  ): Promise<ServerResource> {
    return this.resources.create(caller, serverId, dto);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadResourceResponseDto, description: 'The content, after the resource_pre_fetch and resource_post_fetch hooks' })
  @ApiProblems(403, 404, 502, 504)
  read(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Body() dto: ReadResourceDto,
    @RequestId() requestId: string | undefined,
  ): Promise<ReadResourceResponse> {
    return this.resources.read(caller, serverId, dto.uri, requestId ?? null);
  }

  @Delete(':resourceId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(403, 404)
  remove(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    @Param('resourceId', uuidParam('Resource')) resourceId: string,
  ): Promise<void> {
    return this.resources.remove(caller, serverId, resourceId);
  }
}
