import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Permission, RequirePermission } from '@mptf/identity';
import { IatiExportService } from '@mptf/results';

@ApiTags('results')
@ApiBearerAuth()
@Controller('exports')
export class IatiExportController {
  constructor(private readonly iati: IatiExportService) {}

  @Get('iati-activities.xml')
  @RequirePermission(Permission.IATI_EXPORT)
  @ApiOperation({
    summary: 'IATI 2.03 activity XML: the fund and every programme, with results',
    description:
      'The fund activity <org id>-FUND (hierarchy 1: donor commitments = 11, deposits = 1, allocations = 2) and ' +
      'one iati-activity per programme (APPROVED and after, hierarchy 2): identifier <org id>-<reference> (org id: ' +
      'fund settings iatiOrganisationId, else IATI_ORG_PREFIX; with neither set the export is refused), reporting and participating organisations with ' +
      'their identifiers, status, dates, contact, recipient countries, sector, SDG tags, policy markers, default ' +
      'types, yearly budgets, transactions (allocations = 2, transfers = 3, refunds = negative 3, expenditure = 4 ' +
      'dated at the end of its year), a document link and results with baselines, targets and approved actuals ' +
      '(disaggregated actuals carry a dimension). Valid against the IATI 2.03 activity schema.',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({
    description: 'IATI activities XML',
    content: { 'application/xml': { schema: { type: 'string' } } },
  })
  @ApiConflictResponse({
    description:
      'The fund’s IATI organisation identifier was never set (fund settings iatiOrganisationId, or IATI_ORG_PREFIX)',
  })
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="iati-activities.xml"')
  async export(): Promise<StreamableFile> {
    return new StreamableFile(await this.iati.exportXml(), { type: 'application/xml; charset=utf-8' });
  }
}
