import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationError } from '@mptf/platform';

/**
 * An id in the address must be a UUID: anything else is a 400 saying so in plain words
 * ("… is not a valid id"), instead of Nest's "Validation failed (uuid is expected)".
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value;
    const field = metadata.data ?? 'id';
    const shown = String(value ?? '').slice(0, 60);
    const message = `"${shown}" is not a valid id`;
    throw new ValidationError(`${field}: ${message}`, [{ field, rule: 'ID', message }]);
  }
}
