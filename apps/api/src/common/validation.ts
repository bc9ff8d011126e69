import { ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail, ValidationError } from '@mptf/platform';
import { plainMessage } from './field-messages';

function flatten(errors: ClassValidatorError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([key, message]) => ({
      field,
      // In the user's terms, naming the field: forms show it beside the field.
      message: plainMessage(error, field, key, message),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisted, transformed DTOs; unknown fields and bad values are a 400 naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => {
      // Several rules failing on one empty field say the same thing once.
      const seen = new Set<string>();
      const details = flatten(errors).filter(
        (d) => !seen.has(`${d.field}|${d.message}`) && Boolean(seen.add(`${d.field}|${d.message}`)),
      );
      const summary = details.map((d) => d.message).join('; ');
      return new ValidationError(summary || 'The request is not valid', details);
    },
  });
}
