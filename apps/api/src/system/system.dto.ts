import { ApiProperty } from '@nestjs/swagger';

export class HeartbeatRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() requestedAt: string;
}

export class HeartbeatDto extends HeartbeatRequestDto {
  @ApiProperty({ nullable: true, type: String, description: 'null until a worker processed it' })
  processedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the worker that processed it' })
  worker: string | null;
}
