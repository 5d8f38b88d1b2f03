import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Tool } from '../catalog/tool.js';

/** OpenAPI formats with no JSON Schema meaning: accepted as annotations. */
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

/** The outcome of checking a value against a schema. */
export type ValidationResult = { valid: true } | { valid: false; message: string };

/**
 * Checks tool arguments against each tool's input schema and route responses against its output schema
 * (JSON Schema 2020-12). Every schema is compiled once, when the catalog is prepared, so a schema that does
 * not compile stops bootstrap, not a call.
 */
export class SchemaValidator {
  private readonly ajv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: false });
  private readonly inputs = new Map<Tool, ValidateFunction>();
  private readonly outputs = new Map<Tool, ValidateFunction>();

  constructor(tools: readonly Tool[]) {
    addFormats.default(this.ajv);
    for (const format of OPENAPI_FORMATS) this.ajv.addFormat(format, true);
    for (const tool of tools) {
      this.inputs.set(tool, this.compile(tool, 'input', tool.inputSchema));
      if (tool.output) this.outputs.set(tool, this.compile(tool, 'output', tool.output.schema));
    }
  }

  /** Checks a call's arguments; messages name the argument (`limit must be integer`). */
  validateArguments(tool: Tool, args: unknown): ValidationResult {
    return check(this.inputs.get(tool), args);
  }

  /** Checks a route's response (wrapped when the tool wraps it) against the tool's output schema. */
  validateOutput(tool: Tool, value: unknown): ValidationResult {
    return check(this.outputs.get(tool), value);
  }

  private compile(tool: Tool, kind: 'input' | 'output', schema: object): ValidateFunction {
    try {
      return this.ajv.compile(schema);
    } catch (error) {
      throw new Error(
        `The ${kind} schema of MCP tool "${tool.name}" (${tool.source}) is not valid JSON Schema: ` +
          `${(error as Error).message}. Check its Swagger decorators (@ApiProperty, @ApiQuery, @ApiBody, @ApiResponse).`,
        { cause: error },
      );
    }
  }
}

function check(validate: ValidateFunction | undefined, value: unknown): ValidationResult {
  if (!validate || validate(value)) return { valid: true };
  return { valid: false, message: describeErrors(validate.errors ?? []) };
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
