import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Tool } from '../catalog/tool.js';

/** The outcome of checking a value against a schema. */
export type ValidationResult = { valid: true } | { valid: false; message: string };

/** A compiled schema, or why it does not compile. */
type Compiled = ValidateFunction | { readonly invalid: string };

/**
 * Checks tool arguments against each tool's input schema and route responses against its output schema
 * (JSON Schema 2020-12). Each schema is compiled on its first use and kept: compiling every schema at
 * bootstrap was most of the module's start-up (an app of 200 routes waited seconds for schemas of tools
 * that may never be called). A schema that does not compile fails the calls of its tool, with a message
 * naming the tool and what to fix; the other tools are unaffected.
 */
export class SchemaValidator {
  private readonly ajv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: false, verbose: true });
  private readonly inputs = new WeakMap<Tool, Compiled>();
  private readonly outputs = new WeakMap<Tool, Compiled>();

  constructor() {
    // ajv-formats checks OpenAPI's formats too (int32, int64, byte …), as the SDK client does: a response
    // the server lets through must not be one the client rejects.
    addFormats.default(this.ajv);
  }

  /**
   * Checks a call's arguments; messages name the argument (`limit must be integer`). Unknown arguments, when
   * the tool refuses them, are all named in one message with the ones it takes.
   */
  validateArguments(tool: Tool, args: unknown): ValidationResult {
    return (
      unknownArguments(tool, args) ??
      check(this.compiled(this.inputs, tool, 'input', tool.inputSchema), args, 'arguments')
    );
  }

  /** Checks a route's response (wrapped when the tool wraps it) against the tool's output schema. */
  validateOutput(tool: Tool, value: unknown): ValidationResult {
    if (!tool.output) return { valid: true };
    return check(this.compiled(this.outputs, tool, 'output', tool.output.schema), value, 'response');
  }

  private compiled(cache: WeakMap<Tool, Compiled>, tool: Tool, kind: 'input' | 'output', schema: object) {
    let compiled = cache.get(tool);
    if (!compiled) {
      compiled = this.compile(tool, kind, schema);
      cache.set(tool, compiled);
    }
    return compiled;
  }

  private compile(tool: Tool, kind: 'input' | 'output', schema: object): Compiled {
    try {
      return this.ajv.compile(schema);
    } catch (error) {
      return {
        invalid:
          `the ${kind} schema of MCP tool "${tool.name}" (${tool.source}) is not valid JSON Schema: ` +
          `${(error as Error).message}. Check its Swagger decorators (@ApiProperty, @ApiQuery, @ApiBody, @ApiResponse).`,
      };
    }
  }
}

/** `unknown arguments: foo, bar; create_item takes: name, price` when the schema refuses extras. */
function unknownArguments(tool: Tool, args: unknown): ValidationResult | undefined {
  const schema = tool.inputSchema;
  if (schema.additionalProperties !== false || typeof args !== 'object' || args === null) return undefined;
  const known = Object.keys((schema.properties as object | undefined) ?? {});
  const unknown = Object.keys(args).filter((name) => !known.includes(name));
  if (unknown.length === 0) return undefined;
  const takes =
    known.length > 0 ? `${tool.name} takes: ${known.join(', ')}` : `${tool.name} takes no arguments`;
  const label = unknown.length === 1 ? 'unknown argument' : 'unknown arguments';
  return { valid: false, message: `${label}: ${unknown.join(', ')}; ${takes}${undocumentedHint(tool)}` };
}

/** For a route whose body is undocumented: where its fields go, and how to make them arguments. */
function undocumentedHint(tool: Tool): string {
  if (tool.undocumentedBody !== true) return '';
  const whole = tool.endpoint.bindings.find((binding) => binding.in === 'body' && binding.name === undefined);
  const where = whole ? `; pass the body's fields inside the "${whole.argument}" object` : '';
  return (
    `${where}. The route's body is not documented: document the body with @ApiBody/@ApiProperty, ` +
    `or turn strictArguments off`
  );
}

/** What is checked: a call's arguments, or a route's response. */
type Subject = 'arguments' | 'response';

function check(validate: Compiled, value: unknown, subject: Subject): ValidationResult {
  if ('invalid' in validate) return { valid: false, message: validate.invalid };
  if (validate(value)) return { valid: true };
  return {
    valid: false,
    message: withoutAlternatives(validate.errors ?? [])
      .map((error) => describeError(error, subject))
      .join('; '),
  };
}

/**
 * Ajv reports a value that fits none of an `anyOf`/`oneOf`'s branches with one error per branch, then
 * "must match a schema in anyOf". A nullable value's `null` branch is left out (`must be null` says
 * nothing); when one branch is left its errors say what is wrong; with several, one message lists the
 * accepted forms (the schema's description, e.g. a file's).
 */
function withoutAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const choice of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const prefix = `${choice.schemaPath}/`;
    const inside = (e: ErrorObject) => e.schemaPath.startsWith(prefix);
    const telling = kept.filter((e) => inside(e) && !(e.keyword === 'type' && e.params.type === 'null'));
    const branches = new Set(telling.map((e) => e.schemaPath.slice(prefix.length).split('/')[0]));
    const replacement = branches.size === 1 ? telling : [choice];
    const at = kept.indexOf(choice);
    kept = [
      ...kept.slice(0, at).filter((e) => !inside(e)),
      ...replacement,
      ...kept.slice(at + 1).filter((e) => !inside(e)),
    ];
  }
  return kept;
}

/**
 * Names the place first: `limit must be integer`, `missing required argument "id"`, `response.items.0:
 * missing required property "id"`.
 */
function describeError(error: ErrorObject, subject: Subject): string {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path = subject === 'response' ? ['response', ...parts].join('.') : parts.join('.') || 'arguments';
  const params = error.params as {
    missingProperty?: string;
    allowedValues?: unknown[];
    additionalProperty?: string;
  };
  if (error.keyword === 'required') {
    return subject === 'arguments' && parts.length === 0
      ? `missing required argument "${params.missingProperty}"`
      : `${path}: missing required property "${params.missingProperty}"`;
  }
  if (error.keyword === 'type' && Array.isArray(error.params.type)) {
    return `${path} must be ${(error.params.type as string[]).join(' or ')}`; // not Ajv's "string,null"
  }
  if (error.keyword === 'enum') return `${path} must be one of ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === 'additionalProperties') {
    return `${path} must not have the property "${params.additionalProperty}"`;
  }
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
    const described = (error.parentSchema as { description?: unknown } | undefined)?.description;
    return typeof described === 'string'
      ? `${path} is none of the accepted forms. ${described}`
      : `${path} ${error.message ?? 'is invalid'}`;
  }
  return `${path} ${error.message ?? 'is invalid'}`;
}
