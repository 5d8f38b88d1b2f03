import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Tool } from '../catalog/tool.js';

/** OpenAPI formats with no JSON Schema meaning: accepted as annotations. */
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

/** The outcome of checking a call's arguments. */
export type ValidationResult = { valid: true } | { valid: false; message: string };

/**
 * Checks tool arguments against the tool's input schema (JSON Schema 2020-12). Every schema is compiled
 * once, when the catalog is prepared, so a schema that does not compile stops bootstrap, not a call.
 */
export class ArgumentValidator {
  private readonly ajv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: false });
  private readonly validators = new Map<Tool, ValidateFunction>();

  constructor(tools: readonly Tool[]) {
    addFormats.default(this.ajv);
    for (const format of OPENAPI_FORMATS) this.ajv.addFormat(format, true);
    for (const tool of tools) {
      try {
        this.validators.set(tool, this.ajv.compile(tool.inputSchema));
      } catch (error) {
        throw new Error(
          `The input schema of MCP tool "${tool.name}" (${tool.source}) is not valid JSON Schema: ` +
            `${(error as Error).message}. Check its Swagger decorators (@ApiProperty, @ApiQuery, @ApiBody).`,
          { cause: error },
        );
      }
    }
  }

  validate(tool: Tool, args: unknown): ValidationResult {
    const validate = this.validators.get(tool);
    if (!validate || validate(args)) return { valid: true };
    return { valid: false, message: describeErrors(validate.errors ?? []) };
  }
}

function describeErrors(errors: ErrorObject[]): string {
  return errors.map(describeError).join('; ');
}

/** Names the argument first: `limit must be integer`, `missing required argument "id"`. */
function describeError(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return path
      ? `${path}: missing required property "${missing}"`
      : `missing required argument "${missing}"`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `${path || 'arguments'} must be one of ${JSON.stringify(allowed)}`;
  }
  return `${path || 'arguments'} ${error.message ?? 'is invalid'}`;
}
