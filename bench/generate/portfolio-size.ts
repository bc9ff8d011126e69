/** How big the generated portfolio is (BENCH_* variables override the defaults). */
export interface PortfolioSize {
  /** Approved proposals (APPROVED, ACTIVE, closed): the programmes money and results hang on. */
  programmes: number;
  punosPerProgramme: number;
  indicatorsPerProgramme: number;
  periodsPerIndicator: number;
  donors: number;
  /** All proposals, programmes included (the rest are spread over the pre-decision states). */
  proposals: number;
}

export const DEFAULT_SIZE: PortfolioSize = {
  programmes: 1000,
  punosPerProgramme: 3,
  indicatorsPerProgramme: 20,
  periodsPerIndicator: 8,
  donors: 50,
  proposals: 100_000,
};
