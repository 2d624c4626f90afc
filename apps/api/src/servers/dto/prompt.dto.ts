import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import type { GetPromptResponse, PromptArgument, PromptMessage, ServerPrompt } from '@plugboard/shared-contracts';
import { PROMPT_ARGUMENT_NAME } from '../prompt-template.util';
import { NAME, TraceEntryDto } from './server.dto';

export const MAX_TEMPLATE_LENGTH = 20_000;

export class PromptArgumentInputDto {
  @ApiProperty({ example: 'topic' })
  @IsString()
  @Matches(PROMPT_ARGUMENT_NAME, { message: 'name must be 1-64 letters, digits, _ or -, starting with a letter or _' })
  name!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() required?: boolean;
}

export class CreatePromptDto {
  @ApiProperty({ example: 'summarize' })
  @IsString()
  @Matches(NAME, { message: 'name must be 1-100 letters, digits, _ . or -, starting with a letter or digit' })
  name!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ type: [PromptArgumentInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PromptArgumentInputDto)
  arguments?: PromptArgumentInputDto[];

  @ApiProperty({ example: 'Summarize {{topic}} in three sentences.', description: '`{{name}}` placeholders take the arguments' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEMPLATE_LENGTH)
  template!: string;
}

export class GetPromptDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, default: {} })
  @IsOptional()
  @IsObject()
  arguments?: Record<string, unknown>;
}

export class PromptArgumentDto implements PromptArgument {
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() required!: boolean;
}

export class ServerPromptDto implements ServerPrompt {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [PromptArgumentDto] }) arguments!: PromptArgumentDto[];
  @ApiProperty() template!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PromptContentDto {
  @ApiProperty({ enum: ['text'] }) type!: 'text';
  @ApiProperty() text!: string;
}

export class PromptMessageDto implements PromptMessage {
  @ApiProperty({ enum: ['user', 'assistant'] }) role!: 'user' | 'assistant';
  @ApiProperty({ type: PromptContentDto }) content!: PromptContentDto;
}

export class GetPromptResponseDto implements GetPromptResponse {
  @ApiProperty() description!: string;
  @ApiProperty({ type: [PromptMessageDto] }) messages!: PromptMessageDto[];
  @ApiProperty({ type: [TraceEntryDto] }) trace!: TraceEntryDto[];
}
