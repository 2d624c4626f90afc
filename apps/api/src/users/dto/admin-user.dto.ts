import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { PlatformRole } from '@plugboard/shared-contracts';
import { PageQueryDto } from '../../common/paging.dto';
import { IsOptionalNotNull, Trim } from '../../common/validation.decorators';

const ROLES: PlatformRole[] = ['admin', 'user', 'viewer'];

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(320) email!: string;

  @ApiProperty() @Trim() @IsString() @MinLength(1) @MaxLength(200) displayName!: string;

  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(1024) password!: string;

  @ApiPropertyOptional({ enum: ROLES, default: 'user' })
  @IsOptional()
  @IsIn(ROLES)
  platformRole?: PlatformRole;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() pluginCustomizationAllowed?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @Trim() @IsString() @MinLength(1) @MaxLength(200) displayName?: string;

  @ApiPropertyOptional({ minLength: 8 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptionalNotNull() @IsIn(ROLES) platformRole?: PlatformRole;

  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() pluginCustomizationAllowed?: boolean;
}

export class UserQueryDto extends PageQueryDto {}
