import { jsonKind } from '../catalog/plain-values.js';

/** The parts of a Zod (v4) issue a readable message needs; the SDK's schemas produce these. */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
}

/** What a parameter is for, keyed by method and path; appended to the message so the fix is obvious. */
const HINTS: Readonly<Record<string, string>> = {
  'tools/call params.name': "the tool's name",
  'tools/call params.arguments': "the tool's arguments as an object",
  'initialize params.protocolVersion': 'the protocol version the client speaks, e.g. "2025-06-18"',
  'initialize params.capabilities': "the client's capabilities, {} for none",
  'initialize params.clientInfo': "the client's { name, version }",
  'initialize params.clientInfo.name': "the client's name",
  'initialize params.clientInfo.version': "the client's version",
  'tools/list params.cursor': 'the nextCursor of a previous page',
};

const ARTICLES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

/**
 * Turns schema issues into one line a person or a model can act on, e.g.
 * `params.name: expected a string (the tool's name)`. `params` is the value that was checked, used to say
 * what was received.
 */
export function describeIssues(method: string, issues: readonly SchemaIssue[], params: unknown): string {
  return issues.map((issue) => describeIssue(method, issue, params)).join('; ');
}

function describeIssue(method: string, issue: SchemaIssue, params: unknown): string {
  const path = issue.path.map(String).join('.') || 'params';
  const hint = HINTS[`${method} ${path}`];
  const received = valueAt(params, issue.path.slice(1));
  let what: string;
  if (issue.code === 'invalid_type' && issue.expected) {
    const expected = ARTICLES[issue.expected] ?? issue.expected;
    what =
      received === undefined ? `required, ${expected}` : `expected ${expected}, got ${jsonKind(received)}`;
  } else if (issue.code === 'invalid_value' && issue.values) {
    what = `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${JSON.stringify(received)}`;
  } else if (issue.code === 'unrecognized_keys' && issue.keys) {
    what = `unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${issue.keys.join(', ')}`;
  } else {
    what = issue.message;
  }
  return `${path}: ${what}${hint ? ` (${hint})` : ''}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
