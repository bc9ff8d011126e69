import { Body, Controller, Get, Param, ParseIntPipe, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { ReferenceService } from '@mptf/reference';
import {
  BudgetCategoryDto,
  CountriesQuery,
  CountryDto,
  FundSettingsDto,
  GcmObjectiveDto,
  GuidingPrincipleDto,
  PatchFundSettingsDto,
  ReviewCriterionDto,
  SetAreaObjectivesDto,
  ThematicAreaDto,
} from './reference.dto';

@ApiTags('reference')
@ApiBearerAuth()
@Controller()
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('reference/thematic-areas')
  @RequirePermission(Permission.REFERENCE_READ)
  @ApiOkResponse({ type: ThematicAreaDto, isArray: true })
  thematicAreas() {
    return this.reference.thematicAreas();
  }

  @Put('reference/thematic-areas/:code/gcm-objectives')
  @RequirePermission(Permission.REFERENCE_MANAGE)
  @ApiOkResponse({ type: ThematicAreaDto, description: 'Replaces the GCM objectives mapped to the area' })
  setAreaObjectives(
    @CurrentUser() actor: AuthUser,
    @Param('code', ParseIntPipe) code: number,
    @Body() body: SetAreaObjectivesDto,
  ) {
    return this.reference.setAreaObjectives(actor, code, body.gcmObjectiveCodes);
  }

  @Get('reference/gcm-objectives')
  @RequirePermission(Permission.REFERENCE_READ)
  @ApiOkResponse({ type: GcmObjectiveDto, isArray: true })
  gcmObjectives() {
    return this.reference.gcmObjectives();
  }

  @Get('reference/guiding-principles')
  @RequirePermission(Permission.REFERENCE_READ)
  @ApiOkResponse({ type: GuidingPrincipleDto, isArray: true })
  guidingPrinciples() {
    return this.reference.guidingPrinciples();
  }

  @Get('reference/budget-categories')
  @RequirePermission(Permission.REFERENCE_READ)
  @ApiOkResponse({ type: BudgetCategoryDto, isArray: true })
  budgetCategories() {
    return this.reference.budgetCategories();
  }

  @Get('reference/review-criteria')
  @RequirePermission(Permission.REFERENCE_READ)
  @ApiOkResponse({ type: ReviewCriterionDto, isArray: true })
  async reviewCriteria() {
    const criteria = await this.reference.reviewCriteria();
    return criteria.map(({ code, title, description, weight }) => ({ code, title, description, weight }));
  }

  @Get('reference/countries')
  @RequirePermission(Permission.REFERENCE_READ)
  @ApiOkResponse({ type: CountryDto, isArray: true })
  countries(@Query() query: CountriesQuery) {
    return this.reference.countries(query.region);
  }

  @Get('settings/fund')
  @RequirePermission(Permission.SETTINGS_READ)
  @ApiOkResponse({ type: FundSettingsDto })
  fundSettings() {
    return this.reference.fundSettings();
  }

  @Patch('settings/fund')
  @RequirePermission(Permission.SETTINGS_MANAGE)
  @ApiOkResponse({ type: FundSettingsDto })
  updateFundSettings(@CurrentUser() actor: AuthUser, @Body() body: PatchFundSettingsDto) {
    return this.reference.updateFundSettings(actor, body);
  }
}
