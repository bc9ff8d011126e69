import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@mptf/platform';
import { ProgrammeProfile, ProgrammeProfilesReader } from '@mptf/proposals';
import { BudgetCategoryRef, ReferenceListsReader, ReferenceService } from '@mptf/reference';
import { EntityManager } from 'typeorm';
import { snapshotTime } from '../snapshot.sql';

export interface ProgrammeFactsheetData {
  programmes: ProgrammeProfile[];
  categories: BudgetCategoryRef[];
  /** The fund's indirect rate read in the same snapshot ("0.07"). */
  indirectRate: string;
  /** When the snapshot was taken (transaction start), ISO 8601. */
  snapshotAt: string;
}

/**
 * Reads programmes (approved proposals) for factsheets through proposals' and reference's exports
 * with the caller's manager, so every read sees the run's one REPEATABLE READ snapshot.
 */
@Injectable()
export class ProgrammeFactsheetDataProvider {
  constructor(
    private readonly reference: ReferenceService,
    private readonly lists: ReferenceListsReader,
    private readonly profiles: ProgrammeProfilesReader,
  ) {}

  /** One programme, or every programme when `programmeId` is null; NotFound for one that is not a programme. */
  async load(manager: EntityManager, programmeId: string | null): Promise<ProgrammeFactsheetData> {
    const snapshotAt = await snapshotTime(manager);
    const { indirectRate } = await this.reference.fundSettings(manager);
    const categories = await this.lists.budgetCategories(manager);
    const programmes = await this.profiles.profiles(manager, programmeId);
    if (programmeId && !programmes.length) throw new NotFoundError('Programme', programmeId);
    return { snapshotAt, indirectRate, categories, programmes };
  }
}
