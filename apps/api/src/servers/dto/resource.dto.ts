import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { ReadResourceResponse, ResourceContent, ResourceTargetType, ServerResource } from '@plugboard/shared-contracts';
import { NAME, TraceEntryDto } from './server.dto';

/** A URI: a scheme, a colon, then printable ASCII (no spaces), as RFC 3986 writes them. */
export const RESOURCE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[\x21-\x7E]+$/;
const MIME_TYPE = /^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*(\s*;\s*[\w.+-]+=[\w.+-]+)*$/;
export const MAX_RESOURCE_TEXT = 100_000;

export class ResourceTargetDto {
  @ApiProperty({ enum: ['text', 'http'], description: '`text`: the content is stored with the resource; `http`: fetched with GET from an allowed upstream' })
  @IsIn(['text', 'http'])
  type!: ResourceTargetType;

  @ApiPropertyOptional({ description: 'For text targets: the content', maxLength: MAX_RESOURCE_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_RESOURCE_TEXT)
  text?: string;

  @ApiPropertyOptional({ description: 'For http targets: an http(s) URL whose host is in PLUGBOARD_UPSTREAM_ALLOWLIST (default: the resource URI)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ minimum: 100, maximum: 60000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  timeoutMs?: number;
}

export class CreateResourceDto {
  @ApiProperty({ example: 'https://docs.example.com/handbook', description: 'Unique per server; printable ASCII, `scheme:rest`' })
  @IsString()
  @MaxLength(1000)
  @Matches(RESOURCE_URI, { message: 'uri must be a URI (scheme:rest) of printable ASCII without spaces' })
  uri!: string;

  @ApiProperty({ example: 'handbook' })
  @IsString()
  @Matches(NAME, { message: 'name must be 1-100 letters, digits, _ . or -, starting with a letter or digit' })
  name!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ example: 'text/markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(MIME_TYPE, { message: 'mimeType must be a media type such as text/plain' })
  mimeType?: string;

  @ApiProperty({ type: ResourceTargetDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ResourceTargetDto)
  target!: ResourceTargetDto;
}

export class ReadResourceDto {
  @ApiProperty({ example: 'https://docs.example.com/handbook' })
  @IsString()
  @MaxLength(1000)
  uri!: string;
}

export class ServerResourceDto implements ServerResource {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() uri!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: String }) mimeType!: string | null;
  @ApiProperty({ type: ResourceTargetDto }) target!: ResourceTargetDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ResourceContentDto implements ResourceContent {
  @ApiProperty() uri!: string;
  @ApiPropertyOptional() mimeType?: string;
  @ApiProperty() text!: string;
}

export class ReadResourceResponseDto implements ReadResourceResponse {
  @ApiProperty({ type: [ResourceContentDto] }) contents!: ResourceContentDto[];
  @ApiProperty({ type: [TraceEntryDto] }) trace!: TraceEntryDto[];
}
