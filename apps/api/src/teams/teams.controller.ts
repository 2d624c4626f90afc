import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Page, TeamDetail, TeamSummary } from '@plugboard/shared-contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { uuidParam } from '../common/uuid-param.pipe';
import { AddMemberDto, CreateTeamDto, TeamDetailDto, TeamPageDto, TeamQueryDto, UpdateTeamDto } from './dto/team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOkResponse({ type: TeamPageDto })
  @ApiProblems(403)
  list(@CurrentUser() caller: AuthUser, @Query() query: TeamQueryDto): Promise<Page<TeamSummary>> {
    return this.teams.list(caller, query);
  }

  @Post()
  @ApiCreatedResponse({ type: TeamDetailDto, description: 'The creator becomes the team\'s owner' })
  @ApiProblems(403, 409)
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateTeamDto): Promise<TeamDetail> {
    return this.teams.create(caller, dto);
  }

  @Get(':teamId')
  @ApiOkResponse({ type: TeamDetailDto })
  @ApiProblems(403, 404)
  get(@CurrentUser() caller: AuthUser, @Param('teamId', uuidParam('Team')) teamId: string): Promise<TeamDetail> {
    return this.teams.get(caller, teamId);
  }

  @Patch(':teamId')
  @ApiOkResponse({ type: TeamDetailDto })
  @ApiProblems(403, 404)
  update(
    @CurrentUser() caller: AuthUser,
    @Param('teamId', uuidParam('Team')) teamId: string,
    @Body() dto: UpdateTeamDto,
  ): Promise<TeamDetail> {
    return this.teams.update(caller, teamId, dto);
  }

  @Delete(':teamId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deletes the team with its servers and plugin settings' })
  @ApiProblems(403, 404)
  remove(@CurrentUser() caller: AuthUser, @Param('teamId', uuidParam('Team')) teamId: string): Promise<void> {
    return this.teams.remove(caller, teamId);
  }

  @Post(':teamId/members')
  @ApiCreatedResponse({ type: TeamDetailDto, description: 'Member added (201) or role changed (200)' })
  @ApiOkResponse({ type: TeamDetailDto })
  @ApiProblems(403, 404, 409)
  async addMember(
    @CurrentUser() caller: AuthUser,
    @Param('teamId', uuidParam('Team')) teamId: string,
    @Body() dto: AddMemberDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TeamDetail> {
    const { detail, created } = await this.teams.addMember(caller, teamId, dto);
    res.status(created ? 201 : 200);
    return detail;
  }

  @Delete(':teamId/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(403, 404, 409)
  removeMember(
    @CurrentUser() caller: AuthUser,
    @Param('teamId', uuidParam('Team')) teamId: string,
    @Param('userId', uuidParam('Team member')) userId: string,
  ): Promise<void> {
    return this.teams.removeMember(caller, teamId, userId);
  }
}
