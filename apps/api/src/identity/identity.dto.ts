import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
} from 'class-validator';
import { OrganizationType, Permission, Role } from '@mptf/identity';
import { PageQuery } from '../common/page-query';
import { IsOrgCode } from '../common/formats';

export class LoginDto {
  @ApiProperty({ example: 'admin@mptf.test' })
  @IsString()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class SessionUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) organizationCode: string | null;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
}

export class MeDto extends SessionUserDto {
  @ApiProperty({ enum: OrganizationType, nullable: true }) organizationType: OrganizationType | null;
  /** What the permission table grants the user's roles: the web app shows and hides by these. */
  @ApiProperty({ enum: Permission, isArray: true }) permissions: Permission[];
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: Role, isArray: true })
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ example: 'IOM' })
  @IsOptional()
  @IsOrgCode()
  organizationCode?: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) organizationCode: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: UserDto, isArray: true }) items: UserDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class ListOrganizationsQuery {
  @ApiPropertyOptional({ enum: OrganizationType })
  @IsOptional()
  @IsIn(Object.values(OrganizationType))
  type?: OrganizationType;
}

export class OrganizationDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) acronym: string | null;
  @ApiProperty({ enum: OrganizationType }) type: OrganizationType;
  @ApiProperty({ nullable: true, type: String }) countryCode: string | null;
}
