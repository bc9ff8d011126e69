import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches } from 'class-validator';
import { DATE, DATE_MESSAGE, MONEY, MONEY_MESSAGE } from './finance-validation';

/** A transfer to, or a refund from, one PUNO of a programme. */
export class RecordTransferDto {
  @ApiProperty({ example: 'IOM' })
  @IsString()
  @Matches(/^[A-Z0-9_]{2,20}$/, { message: 'must be an organization code like IOM' })
  orgCode: string;

  @ApiProperty({ example: '250000.00' })
  @IsString()
  @Matches(MONEY, { message: MONEY_MESSAGE })
  amount: string;

  @ApiProperty({ example: '2026-04-01' })
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  date: string;
}

export class MovementDto {
  @ApiProperty() id: string;
  @ApiProperty() programmeId: string;
  @ApiProperty({ enum: ['TRANSFER', 'REFUND'] }) kind: string;
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: '250000.00' }) amount: string;
  @ApiProperty({ example: '2026-04-01' }) date: string;
  @ApiProperty({ example: 'ACTIVE', description: 'The programme status after the movement' })
  programmeStatus: string;
}
