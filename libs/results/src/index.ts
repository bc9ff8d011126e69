export * from './results.types';
export * from './decimal';
export * from './period-window';
export * from './matrix-validation';
export * from './actual-rules';
export * from './rollup-rules';
export * from './results-access';
export * from './iati-xml';
export * from './matrix-view';
export * from './results-matrix.service';
export * from './fund-indicators.service';
export * from './actuals.service';
export * from './rollup.service';
// Its statement is what the benchmark runs over raw pg (bench/lib/captured-sql.ts).
export { RollupRepository } from './rollup.repository';
export { MatrixRepository } from './matrix.repository';
export * from './iati-export.service';
export * from './results.module';
