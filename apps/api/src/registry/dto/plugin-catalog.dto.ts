import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLUGIN_MODES } from '@plugboard/governance';
import { HOOK_NAMES, type HookName, type PluginAvailability, type PluginCatalog, type PluginCatalogItem, type PluginModeName } from '@plugboard/shared-contracts';

const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;

export class PluginAvailabilityDto implements PluginAvailability {
  @ApiProperty({ description: 'The caller may use it in team settings (availableForTeams; admins always)' }) team!: boolean;
  @ApiProperty({ description: 'In their own user settings (availableForUsers and customization allowed)' }) user!: boolean;
  @ApiProperty({ description: 'In settings of servers they own (availableForUsers)' }) server!: boolean;
  @ApiPropertyOptional({ description: 'Why a level is not available, for a tooltip' }) reason?: string;
}

export class PluginCatalogItemDto implements PluginCatalogItem {
  @ApiProperty({ example: 'RegexFilterPlugin' }) name!: string;
  @ApiProperty({ example: '@plugboard/plugin-regex-filter' }) kind!: string;
  @ApiProperty({ example: '1.0.0' }) version!: string;
  @ApiProperty() description!: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty() enabledGlobally!: boolean;
  @ApiProperty() allowTeamOverride!: boolean;
  @ApiProperty() allowUserOverride!: boolean;
  @ApiProperty() allowServerOverride!: boolean;
  @ApiProperty({ enum: PLUGIN_MODES }) mode!: PluginModeName;
  @ApiProperty() priority!: number;
  @ApiProperty({ type: [String] }) requires!: string[];
  @ApiProperty({ type: [String] }) conflictsWith!: string[];
  @ApiProperty(JSON_OBJECT) defaultConfig!: Record<string, unknown>;
  @ApiProperty({ ...JSON_OBJECT, nullable: true }) configSchema!: Record<string, unknown> | null;
  @ApiProperty({ enum: ['available', 'unavailable'], description: 'Whether the plugin\'s package is loaded in this instance' })
  status!: 'available' | 'unavailable';
  @ApiProperty({ type: String, nullable: true, example: 'plugin package not loaded' }) statusReason!: string | null;
  @ApiProperty({
    enum: HOOK_NAMES, isArray: true, example: ['tool_pre_invoke', 'tool_post_invoke'],
    description: 'The hooks the loaded plugin implements, in the order a call meets them; empty when it is not loaded',
  })
  hooks!: HookName[];
  @ApiProperty({ type: PluginAvailabilityDto }) availability!: PluginAvailabilityDto;
}

export class PluginCatalogDto implements PluginCatalog {
  @ApiProperty({ type: [PluginCatalogItemDto], description: 'Every registry plugin, sorted by name' }) items!: PluginCatalogItemDto[];
}
