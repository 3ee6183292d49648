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

/** Lone UTF-16 surrogates: with the `u` flag a well-formed pair is one code point and never matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why Postgres could not store `text` as it was sent, or null when it can: a NUL character is
 * refused by Postgres; a lone surrogate (JSON `"\ud800"`) would be stored as U+FFFD, so the stored
 * value would no longer match what the client sent (keys, viewer ids, codes) and lookups by it fail.
 */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(text))
    return 'must be well-formed Unicode: a lone surrogate (such as \\ud800) is not a character';
  return null;
}

/**
 * The first string Postgres could not store as sent (see `unstorable`), with its path, e.g.
 * `{ field: "events[3].viewerId", message }`; null when there is none. Looks 12 levels deep at most.
 * The path is built only for a hit: a clean batch of 1,000 events costs no string per field.
 */
export function unstorableTextAt(value: unknown, path: string): FieldError | null {
  const hit = unstorableTrail(value, 0);
  if (hit === null) return null;
  let field = path;
  for (let i = hit.trail.length - 1; i >= 0; i--) {
    const key = hit.trail[i];
    field = typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${key}` : key;
  }
  return { field, message: hit.message };
}

/** The keys from the unstorable string up to `value` (innermost first) and why, or null. */
function unstorableTrail(
  value: unknown,
  depth: number,
): { trail: (string | number)[]; message: string } | null {
  if (typeof value === 'string') {
    const message = unstorable(value);
    return message === null ? null : { trail: [], message };
  }
  if (value === null || typeof value !== 'object' || depth > 12) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = unstorableTrail(value[i], depth + 1);
      if (hit) {
        hit.trail.push(i);
        return hit;
      }
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const hit = unstorableTrail((value as Record<string, unknown>)[key], depth + 1);
    if (hit) {
      hit.trail.push(key);
      return hit;
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
    const bad = unstorableTextAt(value, metadata.data ?? '');
    if (bad !== null) throw BadUserInputError.field(bad.field || 'body', bad.message);
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
