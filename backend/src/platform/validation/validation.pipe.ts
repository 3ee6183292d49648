import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError } from '@bouquet/shared';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { BadUserInputError } from '../errors';

/**
 * Param types that carry client input: REST bodies, queries and params, and GraphQL args
 * (@nestjs/graphql's GqlParamtype.ARGS is 3; the enum is not exported from the package root).
 */
const GQL_ARGS = '3';
const VALIDATED = new Set(['body', 'query', 'param', GQL_ARGS]);
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
 * `@Parent()` objects and other params pass untouched.
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!VALIDATED.has(String(metadata.type)) || !type || PRIMITIVES.has(type)) return value;
    if (value === null || value === undefined || typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, {
      whitelist: true,
      forbidUnknownValues: false,
      stopAtFirstError: true,
    });
    if (errors.length) throw new BadUserInputError(toFieldErrors(errors, metadata.data ?? ''));
    return instance;
  }
}
