import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { RequestId } from '../common/request-id.decorator';
import { uuidParam } from '../common/uuid-param.pipe';
import { McpService } from './mcp.service';

@ApiTags('mcp')
@ApiBearerAuth()
@Controller('servers/:serverId/mcp')
export class McpController {
  constructor(private readonly mcp: McpService) {}

  @Post()
  @ApiOperation({
    summary: 'Model Context Protocol (Streamable HTTP, stateless)',
    description: 'One JSON-RPC message per request: initialize, tools/list, tools/call, resources/list, resources/read, prompts/list, prompts/get. Send `Accept: application/json, text/event-stream`.',
  })
  @ApiBody({ schema: { type: 'object', description: 'A JSON-RPC 2.0 message', additionalProperties: true } })
  @ApiOkResponse({ description: 'The JSON-RPC response (202 with no body for a notification)', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(403, 404, 406, 415)
  post(
    @CurrentUser() caller: AuthUser,
    @Param('serverId', uuidParam('Server')) serverId: string,
    // No DTO (JSON-RPC is checked against the SDK's schema), but the global pipe still refuses
    // NUL characters, unpaired surrogates, prototype keys and runaway nesting, as on every route.
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
    @RequestId() requestId: string | undefined,
  ): Promise<void> {
    return this.mcp.handlePost(caller, serverId, { req, res, body }, requestId ?? null);
  }

  @Get()
  @ApiOperation({ summary: 'Server-to-client stream: not offered by this stateless server, always 405 (MCP lets a server decline it)' })
  @ApiProblems(403, 404, 405)
  stream(@CurrentUser() caller: AuthUser, @Param('serverId', uuidParam('Server')) serverId: string, @Res() res: Response): Promise<never> {
    return this.mcp.refuseStream(caller, serverId, res);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Session end: a stateless server keeps no session, so there is nothing left to end (204)' })
  @ApiNoContentResponse()
  @ApiProblems(403, 404)
  end(@CurrentUser() caller: AuthUser, @Param('serverId', uuidParam('Server')) serverId: string): Promise<void> {
    return this.mcp.endSession(caller, serverId);
  }
}
