import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
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
    summary: 'IATI 2.03 activity XML of every programme, with results',
    description:
      'One iati-activity per programme (APPROVED and after): identifier <IATI_ORG_PREFIX>-<reference>, reporting ' +
      'and participating organisations, status, dates, recipient countries, budget, transactions (transfers = 3, ' +
      'expenditure = 4) and results with baselines, targets and approved actuals (disaggregated actuals carry a ' +
      'dimension). Valid against the IATI 2.03 activity schema.',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({
    description: 'IATI activities XML',
    content: { 'application/xml': { schema: { type: 'string' } } },
  })
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="iati-activities.xml"')
  async export(): Promise<StreamableFile> {
    return new StreamableFile(await this.iati.exportXml(), { type: 'application/xml; charset=utf-8' });
  }
}
