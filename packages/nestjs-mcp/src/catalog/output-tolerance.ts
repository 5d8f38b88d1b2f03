import type { JsonSchema } from './json-schema.js';

/**
 * How response schemas are loosened so they describe what real routes send (`JsonSchemaConverter`'s
 * `tolerant` mode, the default for output schemas; `strictOutputSchemas: true` turns it off).
 *
 * - `required` lists are dropped. `@ApiProperty()` defaults to `required: true` and the OpenAPI document
 *   cannot tell that default from a deliberate `required: true`, so real DTOs (`@ApiProperty()` on
 *   `firstName?: string`) list optional fields as required: every list is treated as one of those.
 * - Every property also accepts `null` (`photo?: FileDto | null` is documented as a plain `FileDto`).
 * - `oneOf` becomes `anyOf`: once fields are optional, branches overlap and a value would match several.
 * - `not`, `if`/`then`/`else` and `dependent*` are dropped, so the schema accepts at least what the
 *   documented one does.
 * - A bare `{ type: 'object' }` (Swagger's schema for `Object` and union design types such as
 *   `number | string`) accepts any JSON value (see `bare-object.ts`, shared with requests).
 */

/**
 * Keywords a tolerant schema drops: loosening what they contain would make them refuse more (a `not` of a
 * looser schema, an `if` that now always holds), and a tolerant schema never accepts less than the
 * documented one.
 */
const INVERTING_KEYS = ['not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas'];

/** Drops `required` (and keywords that loosening would invert) and turns `oneOf` into `anyOf`, in place. */
export function loosen(out: JsonSchema): void {
  delete out.required;
  for (const key of INVERTING_KEYS) delete out[key];
  if (!Array.isArray(out.oneOf)) return;
  if (out.anyOf === undefined) out.anyOf = out.oneOf;
  else out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { anyOf: out.oneOf }];
  delete out.oneOf;
}
