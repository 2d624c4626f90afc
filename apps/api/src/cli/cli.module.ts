import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CacheModule } from '../cache/cache.module';
import { SETTINGS, type Settings } from '../config/settings';
import { ENTITIES } from '../database/entities';
import { GovernanceCoreModule } from '../governance/governance.module';
import { RegistryModule } from '../registry/registry.module';
import { SignalsModule } from '../signals/signals.module';

/** The services the CLI shares with the API (registry sync and export), without HTTP. */
@Module({})
export class CliModule {
  static forRoot(settings: Settings, dataSource: DataSource): DynamicModule {
    return {
      module: CliModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({ useFactory: () => dataSource.options, dataSourceFactory: async () => dataSource }),
        TypeOrmModule.forFeature(ENTITIES),
        SignalsModule,
        CacheModule,
        GovernanceCoreModule,
        RegistryModule,
      ],
      providers: [{ provide: SETTINGS, useValue: settings }],
      exports: [SETTINGS],
    };
  }
}

/** Runs `work` with the CLI's Nest context; the context (and the DataSource it owns) is closed after. */
export async function withCliContext<T>(settings: Settings, dataSource: DataSource, work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(settings, dataSource), { logger: false, abortOnError: false });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
