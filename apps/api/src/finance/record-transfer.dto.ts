import { ApiProperty } from '@nestjs/swagger';

import { IsMoney, IsOrgCode, IsIsoDate } from '../common/formats';
import { ReversalFieldsDto } from './reverse-entry.dto';

/** A transfer to, or a refund from, one PUNO of a programme. */
export class RecordTransferDto {
  @ApiProperty({ example: 'IOM' })
  @IsOrgCode()
  orgCode: string;

  @ApiProperty({ example: '250000.00' })
  @IsMoney()
  amount: string;

  @ApiProperty({ example: '2026-04-01' })
  @IsIsoDate()
  date: string;
}

export class MovementDto extends ReversalFieldsDto {
  @ApiProperty() id: string;
  @ApiProperty() programmeId: string;
  @ApiProperty({ enum: ['TRANSFER', 'REFUND'] }) kind: string;
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: '250000.00', description: 'Negative on a reversing entry' }) amount: string;
  @ApiProperty({ example: '2026-04-01' }) date: string;
  @ApiProperty({ example: 'ACTIVE', description: 'The programme status after the movement' })
  programmeStatus: string;
}
