/**
 * @mptf/common: pure code the server and the web app share (money in integer cents, the budget
 * maths, calendar dates). No Node, Nest or browser imports: both sides compile it as it is.
 */
export * from './money';
export * from './budget';
export * from './dates';
export * from './decimal';
export * from './audit-labels';
