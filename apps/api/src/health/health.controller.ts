import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AdminOnly, Public } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi.decorators';
import { CacheService } from '../cache/cache.service';
import { MetricsService } from './metrics.service';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: string;
}

class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({ example: { database: 'ok', cache: 'ok' } }) checks!: Record<string, string>;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CacheService) private readonly cache: CacheService,
    private readonly metrics: MetricsService,
  ) {}

  @Public()
  @Get('health')
  @ApiOkResponse({ type: HealthDto, description: 'Liveness: the process answers' })
  health(): HealthDto {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto, description: 'The database and the cache answer' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const checks: Record<string, string> = {};
    checks['database'] = await this.db.query('SELECT 1').then(() => 'ok', () => 'unavailable');
    checks['cache'] = (await this.cache.ping()) ? 'ok' : 'unavailable';
    const ok = Object.values(checks).every((c) => c === 'ok');
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }

  @AdminOnly()
  @ApiBearerAuth()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({ description: 'Prometheus text exposition', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(403)
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
