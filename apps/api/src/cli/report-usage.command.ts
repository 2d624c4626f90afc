/** `plugboard report usage --format csv|json [--plugin P] [--team ID] [--user ID] [--from T] [--to T]`: the admin usage report. */
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import type { Settings } from '../config/settings';
import { DomainError } from '../common/domain-error';
import { UsageReportQueryDto } from '../reports/dto/usage-report.dto';
import { ReportsModule } from '../reports/reports.module';
import { UsageReportService } from '../reports/usage-report.service';
import { CliModule } from './cli.module';
import { CliError } from './users.command';

/** The CLI's context plus the reports (the shared CliModule stays as it is). */
@Module({})
class ReportCliModule {
  static forRoot(settings: Settings, dataSource: DataSource): DynamicModule {
    return { module: ReportCliModule, imports: [CliModule.forRoot(settings, dataSource), ReportsModule] };
  }
}

export interface UsageCommand {
  format: 'csv' | 'json';
  query: UsageReportQueryDto;
}

/** Parses and validates the options as the API validates its query (usage errors exit with 2). */
export function usageCommand(args: string[]): UsageCommand {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'json' },
      plugin: { type: 'string' },
      team: { type: 'string' },
      user: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
    strict: true,
  });
  const { format, ...filters } = values;
  if (format !== 'csv' && format !== 'json') throw new CliError(`--format must be csv or json, not "${format}"`);
  const query = plainToInstance(UsageReportQueryDto, Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)));
  const errors = validateSync(query, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new CliError(errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `--${e.property}: ${m}`)).join('; '));
  }
  return { format, query };
}

/** CSV as the API sends it (CRLF records); JSON as the API answers, with every server in the matrix. */
export async function reportUsage(settings: Settings, dataSource: DataSource, command: UsageCommand, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const context = await NestFactory.createApplicationContext(ReportCliModule.forRoot(settings, dataSource), { logger: false, abortOnError: false });
  try {
    const reports = context.get(UsageReportService);
    if (command.format === 'csv') out((await reports.csv(command.query)).replace(/\r\n$/, ''));
    else out(JSON.stringify(await reports.report(command.query, { matrixLimit: 'all' }), null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    err(`plugboard: ${error.detail}`);
    return error.code === 'VALIDATION_FAILED' ? 2 : 1;
  } finally {
    await context.close();
  }
}
