import type { JsonSchema } from '../catalog/json-schema.js';
import type { ArgumentLocation, Tool } from '../catalog/tool.js';

/** The JSON types a parameter argument takes, and those of its items when it is a list. */
interface ParameterTypes {
  readonly location: ArgumentLocation;
  readonly types: ReadonlySet<string>;
  readonly items?: ReadonlySet<string>;
}

const plans = new WeakMap<Tool, ReadonlyMap<string, ParameterTypes>>();
const INTEGER = /^-?(0|[1-9]\d*)$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Path, query and header values are text on the wire, and models send ids as numbers: before validation, a
 * number or boolean given for a parameter typed `string` becomes its text, and a numeric string given for a
 * numeric path or query parameter becomes the number. Body arguments are left as they are. Returns the
 * arguments unchanged, or a copy with the converted values.
 */
export function normalizeArguments(tool: Tool, args: Record<string, unknown>): Record<string, unknown> {
  let out = args;
  for (const [argument, parameter] of planOf(tool)) {
    if (!Object.hasOwn(args, argument)) continue;
    const value = args[argument];
    const converted =
      Array.isArray(value) && parameter.items
        ? convertList(value, parameter.items, parameter.location)
        : convert(value, parameter.types, parameter.location);
    if (converted === value) continue;
    if (out === args) out = { ...args };
    out[argument] = converted;
  }
  return out;
}

function convertList(values: unknown[], types: ReadonlySet<string>, location: ArgumentLocation): unknown[] {
  const converted = values.map((value) => convert(value, types, location));
  return converted.some((value, index) => value !== values[index]) ? converted : values;
}

function convert(value: unknown, types: ReadonlySet<string>, location: ArgumentLocation): unknown {
  if (typeof value === 'number' && types.has('string') && !types.has('number') && !types.has('integer')) {
    return Number.isFinite(value) ? String(value) : value;
  }
  if (typeof value === 'boolean' && types.has('string') && !types.has('boolean')) return String(value);
  if (typeof value !== 'string' || location === 'header' || types.has('string')) return value;
  if (types.has('integer') && INTEGER.test(value) && Number.isSafeInteger(Number(value)))
    return Number(value);
  if (types.has('number') && NUMBER.test(value) && Number.isFinite(Number(value))) return Number(value);
  return value;
}

function planOf(tool: Tool): ReadonlyMap<string, ParameterTypes> {
  let plan = plans.get(tool);
  if (plan) return plan;
  const schema = tool.inputSchema;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const entries = tool.endpoint.bindings
    .filter((binding) => binding.in !== 'body' && Object.hasOwn(properties, binding.argument))
    .map((binding): [string, ParameterTypes] => {
      const property = properties[binding.argument];
      const types = typesOf(property, defs);
      const items = types.has('array') ? typesOf(itemsOf(property, defs), defs) : undefined;
      return [binding.argument, { location: binding.in, types, ...(items ? { items } : {}) }];
    })
    .filter(([, parameter]) => parameter.types.size > 0);
  plan = new Map(entries);
  plans.set(tool, plan);
  return plan;
}

/** The types a schema names: its `type`, a string enum's, and those of its `anyOf`/`oneOf` branches. */
function typesOf(schema: JsonSchema | undefined, defs: Record<string, JsonSchema>, depth = 0): Set<string> {
  const types = new Set<string>();
  const resolved = resolve(schema, defs);
  if (!resolved || depth > 4) return types;
  const type = resolved.type;
  for (const name of Array.isArray(type) ? type : [type]) if (typeof name === 'string') types.add(name);
  if (type === undefined && Array.isArray(resolved.enum)) {
    for (const value of resolved.enum) types.add(typeof value === 'string' ? 'string' : typeof value);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = resolved[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) for (const name of typesOf(branch, defs, depth + 1)) types.add(name);
  }
  return types;
}

function itemsOf(schema: JsonSchema, defs: Record<string, JsonSchema>): JsonSchema | undefined {
  const resolved = resolve(schema, defs);
  if (resolved?.items && typeof resolved.items === 'object') return resolved.items as JsonSchema;
  const branch = [...((resolved?.anyOf as JsonSchema[]) ?? []), ...((resolved?.oneOf as JsonSchema[]) ?? [])]
    .map((candidate) => resolve(candidate, defs))
    .find((candidate) => candidate?.type === 'array');
  return branch?.items as JsonSchema | undefined;
}

function resolve(schema: JsonSchema | undefined, defs: Record<string, JsonSchema>): JsonSchema | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema;
  const name = ref.slice('#/$defs/'.length);
  return Object.hasOwn(defs, name) ? defs[name] : undefined;
}
