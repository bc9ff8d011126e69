import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { ClosureKind } from '@mptf/finance';

export class CloseProgrammeDto {
  @ApiProperty({
    enum: ClosureKind,
    description:
      'OPERATIONAL: an ACTIVE programme ends its activities. FINANCIAL: an operationally closed programme whose PUNO balances are settled.',
  })
  @IsEnum(ClosureKind)
  kind: ClosureKind;
}
