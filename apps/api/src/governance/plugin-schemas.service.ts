import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@plugboard/governance';

/**
 * The config JSON Schema each loaded plugin ships, by plugin name. Plugins register theirs when
 * the runtime loads them; a plugin without one accepts any config object.
 */
@Injectable()
export class PluginSchemasService {
  private readonly schemas = new Map<string, JsonObject>();

  register(pluginName: string, schema: JsonObject): void {
    this.schemas.set(pluginName, schema);
  }

  schemaFor(pluginName: string): JsonObject | null {
    return this.schemas.get(pluginName) ?? null;
  }
}
