/**
 * Domain errors carry a code; services throw them (never HttpException, since the worker has no
 * HTTP) and the API maps codes to status codes in one place (`DomainErrorFilter`).
 */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  /** Wrong lifecycle state, duplicate, locked record. */
  CONFLICT = 'CONFLICT',
  INVALID_STATE = 'INVALID_STATE',
  INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS',
  /** Business-rule violations (eligibility and the like), every one listed in details. */
  RULE_VIOLATION = 'RULE_VIOLATION',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  DEPENDENCY_UNAVAILABLE = 'DEPENDENCY_UNAVAILABLE',
}

/** One problem: which field or rule, and what is wrong; extra keys (e.g. `available`) allowed. */
export interface ErrorDetail {
  field?: string;
  rule?: string;
  message: string;
  [extra: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string | number) {
    super(ErrorCode.NOT_FOUND, `${entity} ${id} was not found`);
  }
}

export class ForbiddenError extends DomainError {
  /** `details` name the field and rule when a row-level rule, not the role, refuses. */
  constructor(message = 'You are not allowed to do this', details?: ErrorDetail[]) {
    super(ErrorCode.FORBIDDEN, message, details);
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details?: ErrorDetail[]) {
    super(ErrorCode.VALIDATION_FAILED, message, details);
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError(`${field} ${message}`, [{ field, message }]);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: ErrorDetail[]) {
    super(ErrorCode.CONFLICT, message, details);
  }
}

/** An action not allowed from the current lifecycle state; the message names that state. */
export class InvalidStateError extends DomainError {
  constructor(entity: string, currentState: string, action: string) {
    super(ErrorCode.INVALID_STATE, `Cannot ${action} a ${entity} in state ${currentState}`, [
      { rule: 'LIFECYCLE', message: `current state is ${currentState}`, currentState },
    ]);
  }
}

export class RuleViolationError extends DomainError {
  constructor(message: string, details: ErrorDetail[]) {
    super(ErrorCode.RULE_VIOLATION, message, details);
  }
}

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.INSUFFICIENT_FUNDS]: 409,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.RULE_VIOLATION]: 422,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.DEPENDENCY_UNAVAILABLE]: 503,
};
