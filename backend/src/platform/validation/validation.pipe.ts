import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError } from '@bouquet/shared';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { BadUserInputError } from '../errors';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/** Flattens class-validator errors to `{ field: "input.budget.amount", message }`. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field: path, message });
    if (error.children?.length) out.push(...toFieldErrors(error.children, path));
  }
  return out;
}

/**
 * Validates GraphQL args and REST bodies against their DTO classes. Field paths start with the
 * argument name (`input.email`), so the portal can show each message next to its field.
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || PRIMITIVES.has(type) || value === null || value === undefined || typeof value !== 'object')
      return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
    if (errors.length) {
      const prefix = metadata.type === 'body' ? '' : (metadata.data ?? '');
      throw new BadUserInputError(toFieldErrors(errors, prefix));
    }
    return instance;
  }
}
