import { Module } from '@nestjs/common';
import { UsageDataReader } from './usage-data.reader';
import { UsageReportController } from './usage-report.controller';
import { UsageReportService } from './usage-report.service';

/** Admin reports over the whole policy (the usage report of US-5). Builds on GovernanceCoreModule. */
@Module({
  controllers: [UsageReportController],
  providers: [UsageReportService, UsageDataReader],
  exports: [UsageReportService],
})
export class ReportsModule {}
