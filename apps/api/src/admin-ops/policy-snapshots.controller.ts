import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../common/openapi.decorators';
import { RequestId } from '../common/request-id.decorator';
import { uuidParam } from '../common/uuid-param.pipe';
import { PolicyChangeDto, RestoreResultDto, SnapshotPageDto, SnapshotQueryDto } from './dto/policy-change.dto';
import { PolicyRestoreService } from './policy-restore.service';
import { PolicySnapshotService } from './policy-snapshot.service';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/policy/snapshots')
export class PolicySnapshotsController {
  constructor(
    private readonly snapshots: PolicySnapshotService,
    private readonly restorer: PolicyRestoreService,
  ) {}

  @Get()
  @ApiOkResponse({ type: SnapshotPageDto, description: 'Policy snapshots, newest first, with what took them and their row counts' })
  @ApiProblems(403)
  list(@Query() query: SnapshotQueryDto): Promise<SnapshotPageDto> {
    return this.snapshots.list(query);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({
    type: RestoreResultDto,
    description: 'What the restore changes (with dryRun nothing changed); the replaced policy is snapshotted first, so the restore can be undone',
  })
  @ApiProblems(403, 404, 409)
  restore(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuidParam('Policy snapshot')) id: string,
    @Body() dto: PolicyChangeDto,
    @RequestId() requestId: string | undefined,
  ): Promise<RestoreResultDto> {
    return this.restorer.restore(actor, id, dto, requestId);
  }
}
