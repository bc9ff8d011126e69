import { EntityManager } from 'typeorm';

/**
 * Where the finance, results and review read models plug into the reports. Each is an interface
 * and an injection token; ReportingModule wires an implementation when the module that owns the
 * data exists. Every method gets the run's REPEATABLE READ manager: read through it, so all the
 * figures of one report come from one snapshot. Money is decimal strings ("1250000.00"), rates
 * decimal ratio strings ("0.4213"), exactly as the HTTP API shows them.
 */

/** Money of one programme, as `GET /programmes` shows it, per PUNO and in total. */
export interface ProgrammeMoney {
  allocated: string;
  transferred: string;
  refunded: string;
  netFunded: string;
  expenditure: string;
  deliveryRate: string;
  byOrganization: {
    orgCode: string;
    allocated: string;
    transferred: string;
    refunded: string;
    expenditure: string;
    deliveryRate: string;
  }[];
  /** Reported expenditure by budget category 1–8 (empty when none reported). */
  expenditureByCategory: { categoryCode: number; amount: string }[];
  /** Transfers in date order, with their reversals (`note`: "reversed" or "reversal: <reason>"). */
  transfers: { date: string; orgCode: string; amount: string; note: string }[];
}

/** Fills the factsheet's "Funding and delivery" section (finance). */
export interface ProgrammeMoneyReader {
  programmeMoney(manager: EntityManager, programmeId: string): Promise<ProgrammeMoney>;
}
export const PROGRAMME_MONEY_READER = Symbol('PROGRAMME_MONEY_READER');

/** One indicator of a results matrix with its latest target and approved actual. */
export interface IndicatorProgress {
  /** The indicator's key in the matrix (a programme version names indicators by it). */
  indicatorKey?: string;
  resultKey: string;
  resultType: 'OUTCOME' | 'OUTPUT';
  resultTitle: string;
  indicatorTitle: string;
  measure: string;
  unit: string | null;
  baseline: string | null;
  target: string | null;
  actual: string | null;
  /** Share of the way from baseline to target ("0.6500"), null when not measurable. */
  progress: string | null;
  /** How its periods add up: INCREMENTAL (summed), CUMULATIVE or LATEST (the latest period's). */
  aggregation: string;
  /** The target of the periods ending in `year` (summed or latest by aggregation); null without one. */
  targetForYear: string | null;
  /** The year `targetForYear` is for. */
  year: number;
  /** The period of the latest approved actual ("2025-01-01 – 2025-12-31"), null without one. */
  latestPeriod: string | null;
  /** On track / Off track / Overdue (a period ended without an approved actual past the grace days) / Not yet assessed. */
  standing: string;
}

/** Fills the factsheet's "Results" section (results). */
export interface ProgrammeResultsReader {
  /** `year`: the year whose periods make "target for the year". */
  resultsMatrix(manager: EntityManager, programmeId: string, year: number): Promise<IndicatorProgress[]>;
  /** Several programmes' tables in one read (the annual report's annex), by programme id. */
  resultsMatrices(
    manager: EntityManager,
    programmeIds: string[],
    year: number,
  ): Promise<Map<string, IndicatorProgress[]>>;
  /**
   * Several programmes' indicators counted by their standing (as `IndicatorProgress.standing`
   * names it), by programme id, without reading the indicators' periods: the annual report's
   * PDF annex. Programmes without indicators are left out.
   */
  standingCounts(manager: EntityManager, programmeIds: string[]): Promise<Map<string, StandingCounts>>;
}

/** A programme's indicators by standing: On track, Off track, Overdue, Not yet assessed. */
export interface StandingCounts {
  onTrack: number;
  offTrack: number;
  overdue: number;
  notAssessed: number;
}
export const PROGRAMME_RESULTS_READER = Symbol('PROGRAMME_RESULTS_READER');
