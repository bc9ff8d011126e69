import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ComponentStatusDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ example: 'redis', description: 'the queue backend in use' }) backend?: string;
  @ApiPropertyOptional({ description: 'why it is down' }) error?: string;
}

export class HealthComponentsDto {
  @ApiProperty({ type: ComponentStatusDto }) database: ComponentStatusDto;
  @ApiProperty({ type: ComponentStatusDto }) redis: ComponentStatusDto;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: HealthComponentsDto }) info: HealthComponentsDto;
}
