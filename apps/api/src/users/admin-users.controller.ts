import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminUser, Page } from '@plugboard/shared-contracts';
import { AdminOnly, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { uuidParam } from '../common/uuid-param.pipe';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/admin-user.dto';
import { AdminUserDto, AdminUserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: AdminUserPageDto })
  @ApiProblems(403)
  list(@Query() query: UserQueryDto): Promise<Page<AdminUser>> {
    return this.users.list(query);
  }

  @Post()
  @ApiCreatedResponse({ type: AdminUserDto })
  @ApiProblems(403, 409)
  create(@Body() dto: CreateUserDto): Promise<AdminUser> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AdminUserDto })
  @ApiProblems(403, 404, 409)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuidParam('User')) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<AdminUser> {
    return this.users.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(403, 404, 409)
  remove(@CurrentUser() actor: AuthUser, @Param('id', uuidParam('User')) id: string): Promise<void> {
    return this.users.remove(actor, id);
  }
}
