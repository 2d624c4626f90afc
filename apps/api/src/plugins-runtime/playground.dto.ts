import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { HOOK_NAMES, type HookName, type PluginTestRequest } from '@plugboard/shared-contracts';

export class PluginTestDto implements PluginTestRequest {
  @ApiProperty({ example: 'PIIFilterPlugin' }) @IsString() @MaxLength(100) pluginName!: string;
  @ApiProperty({ enum: HOOK_NAMES }) @IsIn([...HOOK_NAMES]) hook!: HookName;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Validated against the plugin\'s config schema (422 CONFIG_INVALID)' })
  @IsOptional() @IsObject() config?: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A tool payload (server, tool, arguments[, result]) or a fetch payload (server, uri[, content])' })
  @IsObject() payload!: Record<string, unknown>;
}
