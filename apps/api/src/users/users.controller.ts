import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminUser, ApiTokenSummary, CreatedApiToken, Me, Page } from '@plugboard/shared-contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ViewerAllowed } from '../auth/platform-role.guard';
import { ApiProblems } from '../common/openapi.decorators';
import { uuidParam } from '../common/uuid-param.pipe';
import { AdminUserPageDto, MeDto } from './dto/user.dto';
import { UserQueryDto } from './dto/admin-user.dto';
import { ApiTokenDto, CreatedApiTokenDto, CreateTokenDto } from './dto/token.dto';
import { TokensService } from './tokens.service';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
  ) {}

  @Get('me')
  @ViewerAllowed()
  @ApiOkResponse({ type: MeDto })
  @ApiProblems()
  me(@CurrentUser() caller: AuthUser): Promise<Me> {
    return this.users.me(caller);
  }

  @Get()
  @ApiOkResponse({ type: AdminUserPageDto, description: 'The user directory, to find people to add to a team' })
  @ApiProblems(403)
  list(@Query() query: UserQueryDto): Promise<Page<AdminUser>> {
    return this.users.list(query);
  }

  @Get('me/tokens')
  @ViewerAllowed()
  @ApiOkResponse({ type: [ApiTokenDto] })
  @ApiProblems()
  listTokens(@CurrentUser() caller: AuthUser): Promise<ApiTokenSummary[]> {
    return this.tokens.list(caller);
  }

  @Post('me/tokens')
  @ViewerAllowed()
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiProblems(403, 409)
  createToken(@CurrentUser() caller: AuthUser, @Body() dto: CreateTokenDto): Promise<CreatedApiToken> {
    return this.tokens.create(caller, dto);
  }

  @Delete('me/tokens/:id')
  @ViewerAllowed()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(404)
  revokeToken(@CurrentUser() caller: AuthUser, @Param('id', uuidParam('Token')) id: string): Promise<void> {
    return this.tokens.revoke(caller, id);
  }
}
