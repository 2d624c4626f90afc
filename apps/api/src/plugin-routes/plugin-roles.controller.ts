import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { AdminOnly, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ViewerAllowed } from '../auth/platform-role.guard';
import { ApiProblems } from '../common/openapi.decorators';
import { DomainError } from '../common/domain-error';
import { uuidParam } from '../common/uuid-param.pipe';
import { PluginNamePipe } from '../governance/plugin-name.pipe';
import { PermissionDecisions } from '../signals/signals.module';
import { PluginRolesService } from './plugin-roles.service';

const ROLE_NAME = /^[a-z][a-z0-9_.-]{0,63}$/i;

export class PluginRoleDto {
  @ApiProperty({ example: 'auditor' }) @IsString() @Length(1, 64) @Matches(ROLE_NAME) role!: string;
}

export class MyPluginRoleDto {
  @ApiProperty() pluginName!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty() isPlatformAdmin!: boolean;
}

@ApiTags('plugins')
@ApiBearerAuth()
@Controller()
export class PluginRolesController {
  constructor(
    private readonly roles: PluginRolesService,
    private readonly permissions: PermissionDecisions,
  ) {}

  @Get('plugins/:pluginName/me/role')
  @ViewerAllowed()
  @ApiOkResponse({ type: MyPluginRoleDto, description: "The caller's roles in this plugin (roles are namespaced per plugin)" })
  @ApiProblems(401, 404)
  async mine(@CurrentUser() caller: AuthUser, @Param('pluginName', PluginNamePipe) pluginName: string): Promise<MyPluginRoleDto> {
    await this.roles.assertKnown(pluginName);
    return { pluginName, roles: await this.roles.rolesOf(caller.id, pluginName), isPlatformAdmin: await this.permissions.isPlatformAdmin(caller) };
  }

  @Put('admin/plugins/:pluginName/roles/:userId')
  @AdminOnly()
  @ApiOkResponse({ description: "The user's roles in the plugin after the grant" })
  @ApiProblems(400, 401, 403, 404, 422)
  async grant(
    @CurrentUser() actor: AuthUser,
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Param('userId', uuidParam('User')) userId: string,
    @Body() dto: PluginRoleDto,
  ): Promise<{ pluginName: string; userId: string; roles: string[] }> {
    return { pluginName, userId, roles: await this.roles.grant(pluginName, userId, dto.role, actor.id) };
  }

  @Delete('admin/plugins/:pluginName/roles/:userId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (?role= one role; without it every role the user holds in the plugin)' })
  @ApiProblems(400, 401, 403, 404, 422)
  async revoke(
    @Param('pluginName', PluginNamePipe) pluginName: string,
    @Param('userId', uuidParam('User')) userId: string,
    @Query('role') role?: string,
  ): Promise<void> {
    if (role !== undefined && (typeof role !== 'string' || !ROLE_NAME.test(role))) {
      throw new DomainError('VALIDATION_FAILED', 'role must be a role name');
    }
    await this.roles.revoke(pluginName, userId, role);
  }
}
