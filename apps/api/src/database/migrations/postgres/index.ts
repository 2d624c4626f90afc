import { ResourcesAndPrompts1795457035315 } from './1795457035315-resources-and-prompts';
import { ToolCallLog1795451821213 } from './1795451821213-tool-call-log';
import type { MigrationClass } from '../migration-class';
import { InitialSchema1795446010494 } from './1795446010494-initial-schema';
export const POSTGRES_MIGRATIONS: MigrationClass[] = [InitialSchema1795446010494, ToolCallLog1795451821213, ResourcesAndPrompts1795457035315];
