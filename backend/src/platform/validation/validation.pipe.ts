import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError } from '@bouquet/shared';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
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
 * The path of the first string holding a NUL character (Postgres text cannot store one), e.g.
 * `events[3].viewerId`; null when there is none. Looks 12 levels deep at most. The path is built
 * only for a hit: a clean batch of 1,000 events costs no string per field.
 */
export function nulAt(value: unknown, path: string, depth = 0): string | null {
  const trail = nulTrail(value, depth);
  if (trail === null) return null;
  let out = path;
  for (let i = trail.length - 1; i >= 0; i--) {
    const key = trail[i];
    out = typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key;
  }
  return out;
}

/** The keys from the NUL string up to `value` (innermost first), or null when there is none. */
function nulTrail(value: unknown, depth: number): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : null;
  if (value === null || typeof value !== 'object' || depth > 12) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const trail = nulTrail(value[i], depth + 1);
      if (trail) {
        trail.push(i);
        return trail;
      }
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const trail = nulTrail((value as Record<string, unknown>)[key], depth + 1);
    if (trail) {
      trail.push(key);
      return trail;
    }
  }
  return null;
}

/**
 * Validates GraphQL args and REST bodies against their DTO classes. Field paths start with the
 * argument name (`input.email`), so the portal can show each message next to its field.
 * `@Parent()` objects and other params pass untouched.
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!VALIDATED.has(String(metadata.type))) return value;
    const nul = nulAt(value, metadata.data ?? '');
    if (nul !== null)
      throw BadUserInputError.field(nul || 'body', 'must not contain NUL (\\u0000) characters');
    const type = metadata.metatype;
    if (!type || PRIMITIVES.has(type)) return value;
    // Only a whole REST body (`@Body()`): GraphQL arguments also arrive as 'body' metadata, by name.
    if (metadata.type === 'body' && metadata.data === undefined) {
      // A request without a body is an empty object (its required fields are then named); a JSON
      // array, string or number where an object is expected is refused.
      value ??= {};
      if (typeof value !== 'object' || Array.isArray(value))
        throw BadUserInputError.field('body', 'the request body must be a JSON object');
    }
    if (value === null || value === undefined || typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    // Synchronous: no DTO has an async rule, and every request with input passes here.
    const errors = validateSync(instance, {
      whitelist: true,
      forbidUnknownValues: false,
      stopAtFirstError: true,
    });
    if (errors.length) throw new BadUserInputError(toFieldErrors(errors, metadata.data ?? ''));
    return instance;
  }
}
