import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { once } from 'node:events';
import { AdminOnly } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi.decorators';
import { UsageReportDto, UsageReportQueryDto } from './dto/usage-report.dto';
import { UsageReportService } from './usage-report.service';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/plugins/usage-report')
export class UsageReportController {
  constructor(private readonly reports: UsageReportService) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(UsageReportDto)
  @ApiOkResponse({
    description:
      'format=json (default): the plugins × servers matrix (paged by server), adoption, unused plugins, plugins per team, recent changes, and the drill-down of `plugin`. ' +
      "format=csv: every cell, columns server_id,server_name,plugin_name,level,enabled,config_summary,modified_by,modified_at (RFC 4180; cells starting with = + - @ are prefixed with ')",
    content: {
      'application/json': { schema: { $ref: getSchemaPath(UsageReportDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiProblems(403, 404)
  async report(@Query() query: UsageReportQueryDto, @Res() res: Response): Promise<void> {
    if (query.format !== 'csv') {
      res.json(await this.reports.report(query));
      return;
    }
    // Streamed: tens of MB at 10,000 servers, never held as one string (nor hashed for an ETag).
    const chunks = await this.reports.csvChunks(query);
    res.status(200).type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="plugin-usage-${new Date().toISOString().slice(0, 10)}.csv"`);
    for (const chunk of chunks) {
      if (res.write(chunk)) continue;
      await Promise.race([once(res, 'drain'), once(res, 'close')]);
      if (res.destroyed) return; // the client went away
    }
    res.end();
  }
}
