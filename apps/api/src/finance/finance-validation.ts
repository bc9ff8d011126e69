/** Input formats shared by the finance DTOs. */
export const MONEY = /^\d{1,13}(\.\d{1,2})?$/;
export const MONEY_MESSAGE = 'must be a decimal string with at most two decimals, e.g. "1250000.00"';
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = 'must be a date YYYY-MM-DD';
