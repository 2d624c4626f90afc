import type { MigrationClass } from '../migration-class';
import { InitialSchema1795446010494 } from './1795446010494-initial-schema';
export const SQLITE_MIGRATIONS: MigrationClass[] = [InitialSchema1795446010494];
