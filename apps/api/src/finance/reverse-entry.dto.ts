import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** `POST /<collection>/:id/reverse`: why the entry is corrected (kept on the reversing entry). */
export class ReverseEntryDto {
  @ApiProperty({ example: 'Recorded twice: bank statement 2026-03 shows one deposit' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}

/** The reversal fields every listed ledger record carries. */
export class ReversalFieldsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Set when this record was reversed: the id of the reversing record',
  })
  reversedBy: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Set on a reversing record (negative amounts): the id of the record it reverses',
  })
  reverses: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was reversed (on the reversing record)',
  })
  reason: string | null;
}
