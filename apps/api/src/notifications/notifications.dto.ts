import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/page-query';
import { ALL_KINDS, MailDelivery, NotificationKind, OUTBOX_STATUSES } from '@mptf/notifications';
import type { OutboxStatus } from '@mptf/notifications';

const booleanQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only unread notifications' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({
    example: '-createdAt',
    description: 'createdAt, kind or read; `-` for descending; comma-separated. Default: newest first',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sort?: string;

  @ApiPropertyOptional({ description: "searches the item's reference and title (words starting with it)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class NotificationItemDto {
  @ApiProperty({ example: 'proposal' }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, example: 'MIG-2026-0007' }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NotificationKind }) kind: NotificationKind;
  @ApiProperty({ example: 'Proposal submitted' }) label: string;
  @ApiProperty({ type: NotificationItemDto }) item: NotificationItemDto;
  @ApiProperty({ nullable: true, type: String, description: "the item's reference" }) reference:
    string | null;
  @ApiProperty({ example: '/proposals/6b0c…', description: "the item's page in the web app" }) link: string;
  @ApiProperty() read: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: NotificationDto, isArray: true }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: "the caller's unread notifications (the bell's count)" }) unread: number;
}

export class ReadAllDto {
  @ApiProperty({ description: 'how many notifications were marked read' }) marked: number;
}

export class KindPreferenceInputDto {
  @ApiProperty({ enum: NotificationKind })
  @IsString()
  kind: string;

  @ApiProperty({ enum: MailDelivery })
  @IsString()
  delivery: string;
}

export class NotificationPreferencesInputDto {
  @ApiProperty({ description: 'true: no notification mail at all (the bell still shows everything)' })
  @IsBoolean()
  mailOff: boolean;

  @ApiProperty({
    type: KindPreferenceInputDto,
    isArray: true,
    description: 'mail delivery per kind of event; kinds left out take the default (IMMEDIATE)',
  })
  @IsArray()
  @ArrayMaxSize(ALL_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => KindPreferenceInputDto)
  kinds: KindPreferenceInputDto[];
}

export class KindPreferenceDto {
  @ApiProperty({ enum: NotificationKind }) kind: NotificationKind;
  @ApiProperty() label: string;
  @ApiProperty({ enum: MailDelivery }) delivery: MailDelivery;
}

export class NotificationPreferencesDto {
  @ApiProperty() mailOff: boolean;
  @ApiProperty({ type: KindPreferenceDto, isArray: true }) kinds: KindPreferenceDto[];
}

export class ListOutboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES as OutboxStatus[])
  status?: OutboxStatus;

  @ApiPropertyOptional({ description: 'messages to this address' })
  @IsOptional()
  @IsEmail()
  to?: string;

  @ApiPropertyOptional({ description: 'searches the address and the subject (words starting with it)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    example: '-createdAt',
    description:
      'createdAt, status, to or subject; `-` for descending; comma-separated. Default: newest first',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sort?: string;
}

export class OutboxMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) recipientId: string | null;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: ['IMMEDIATE', 'DIGEST'] }) kind: 'IMMEDIATE' | 'DIGEST';
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
}

export class OutboxPageDto {
  @ApiProperty({ type: OutboxMessageDto, isArray: true }) items: OutboxMessageDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ enum: ['smtp', 'outbox'], description: 'smtp: SMTP_URL is set; outbox: mail is kept here' })
  mode: 'smtp' | 'outbox';
}

export class BounceUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class BounceDto {
  @ApiProperty() address: string;
  @ApiProperty({ type: BounceUserDto, nullable: true }) user: BounceUserDto | null;
  @ApiProperty({ example: 550 }) smtpCode: number;
  @ApiProperty() response: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) messageId: string | null;
  @ApiProperty({ format: 'date-time' }) bouncedAt: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'No mail goes to the address until the admin clears the bounce' })
  blocked: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) clearedAt: string | null;
}
