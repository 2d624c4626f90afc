import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditLogPage } from '@plugboard/shared-contracts';
import { AdminOnly } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi.decorators';
import { AuditLogQueryService } from './audit-log-query.service';
import { AuditLogPageDto, AuditLogQueryDto } from './dto/audit-log.dto';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/plugins/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogQueryService) {}

  @Get()
  @ApiOkResponse({ type: AuditLogPageDto, description: 'Governance changes, newest first' })
  @ApiProblems(403)
  page(@Query() query: AuditLogQueryDto): Promise<AuditLogPage> {
    return this.auditLog.page(query);
  }
}
