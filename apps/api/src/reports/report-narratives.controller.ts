import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { NARRATIVE_BODY_MAX, NARRATIVE_REASON_MAX, ReportNarrativesService } from '@mptf/reporting';

export class WriteNarrativeDto {
  @ApiPropertyOptional({ description: 'The section’s text (plain text; blank lines separate paragraphs)' })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_BODY_MAX)
  body?: string;

  @ApiPropertyOptional({ description: 'true: the section is left out of this year’s report (with a reason)' })
  @IsOptional()
  @IsBoolean()
  omitted?: boolean;

  @ApiPropertyOptional({ description: 'Why the section is left out (with omitted: true)' })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_REASON_MAX)
  reason?: string;
}

class NarrativeWriterDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class NarrativeRevisionDto {
  @ApiProperty() revision: number;
  @ApiPropertyOptional({ nullable: true, type: String }) body: string | null;
  @ApiProperty() omitted: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() writtenAt: string;
  @ApiProperty({ type: NarrativeWriterDto }) writtenBy: NarrativeWriterDto;
}

export class NarrativeSectionDto {
  @ApiProperty({ example: 'executive-summary' }) key: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) thematicAreaCode: number | null;
  @ApiProperty({ enum: ['WRITTEN', 'OMITTED', 'MISSING'] }) state: 'WRITTEN' | 'OMITTED' | 'MISSING';
  @ApiPropertyOptional({ nullable: true, type: String }) body: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) revision: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) writtenAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: NarrativeWriterDto }) writtenBy: NarrativeWriterDto | null;
  @ApiProperty({ type: NarrativeRevisionDto, isArray: true, description: 'newest first' })
  revisions: NarrativeRevisionDto[];
}

export class ReportNarrativeDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: NarrativeSectionDto, isArray: true }) sections: NarrativeSectionDto[];
  @ApiProperty({ type: String, isArray: true, description: 'keys of sections neither written nor left out' })
  missing: string[];
}

/** The consolidated report's narrative, written by the fund unit per reporting year. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('report-narratives')
export class ReportNarrativesController {
  constructor(private readonly narratives: ReportNarrativesService) {}

  @Get(':year')
  @RequirePermission(Permission.REPORT_NARRATIVE_READ)
  @ApiOkResponse({ type: ReportNarrativeDto })
  @ApiOperation({ summary: 'The narrative sections of a year’s consolidated report, with their revisions' })
  read(@Param('year', ParseIntPipe) year: number) {
    return this.narratives.read(year);
  }

  @Put(':year/sections/:key')
  @RequirePermission(Permission.REPORT_NARRATIVE_WRITE)
  @ApiOkResponse({ type: NarrativeSectionDto })
  @ApiOperation({
    summary:
      'Write a new revision of a narrative section: {body}, or {omitted: true, reason} to leave it out',
  })
  write(
    @CurrentUser() user: AuthUser,
    @Param('year', ParseIntPipe) year: number,
    @Param('key') key: string,
    @Body() body: WriteNarrativeDto,
  ) {
    return this.narratives.write(user, year, key, { ...body });
  }
}
