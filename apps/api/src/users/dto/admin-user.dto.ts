import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { PlatformRole } from '@plugboard/shared-contracts';
import { PageQueryDto } from '../../common/paging.dto';

const ROLES: PlatformRole[] = ['admin', 'user', 'viewer'];

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(320) email!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) displayName!: string;

  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(1024) password!: string;

  @ApiPropertyOptional({ enum: ROLES, default: 'user' })
  @IsOptional()
  @IsIn(ROLES)
  platformRole?: PlatformRole;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() pluginCustomizationAllowed?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) displayName?: string;

  @ApiPropertyOptional({ minLength: 8 })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) platformRole?: PlatformRole;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() pluginCustomizationAllowed?: boolean;
}

export class UserQueryDto extends PageQueryDto {}
