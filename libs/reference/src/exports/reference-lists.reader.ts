import { Injectable } from '@nestjs/common';
import { sqlRows, SqlRunner } from '@mptf/platform';

export interface BudgetCategoryRef {
  code: number;
  title: string;
  /** Categories 1–7 are direct costs; 8 is indirect support costs. */
  direct: boolean;
}

export interface ThematicAreaRef {
  code: number;
  shortTitle: string;
}

/**
 * What reference exports to readers that need the lists inside their own transaction (a
 * report's snapshot): budget categories and thematic areas, by code.
 */
@Injectable()
export class ReferenceListsReader {
  budgetCategories(db: SqlRunner): Promise<BudgetCategoryRef[]> {
    return sqlRows<BudgetCategoryRef>(db, 'SELECT code, title, direct FROM budget_categories ORDER BY code');
  }

  thematicAreas(db: SqlRunner): Promise<ThematicAreaRef[]> {
    return sqlRows<ThematicAreaRef>(
      db,
      'SELECT code, short_title AS "shortTitle" FROM thematic_areas ORDER BY code',
    );
  }
}
