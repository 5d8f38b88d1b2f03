import { specTypeSchemas } from '@modelcontextprotocol/server';
import { describeIssues, type SchemaIssue } from './schema-issues.js';

type ZodSchema = { safeParse(value: unknown): { error?: { issues: unknown } } };
const CallToolRequestSchema = specTypeSchemas.CallToolRequest as unknown as ZodSchema;
const SetLevelRequestSchema = specTypeSchemas.SetLevelRequest as unknown as ZodSchema;

function issuesOf(schema: ZodSchema, request: object) {
  return (schema.safeParse(request).error?.issues ?? []) as SchemaIssue[];
}

describe('describeIssues', () => {
  it('names the parameter, what it must be, what it got, and what it is for', () => {
    const params = { name: 7, arguments: [] };
    const issues = issuesOf(CallToolRequestSchema, { method: 'tools/call', params });
    expect(describeIssues('tools/call', issues, params)).toBe(
      "params.name: expected a string, got a number (the tool's name); " +
        "params.arguments: expected an object, got an array (the tool's arguments as an object)",
    );
  });

  it('says a missing parameter is required', () => {
    const issues = issuesOf(CallToolRequestSchema, { method: 'tools/call' });
    expect(describeIssues('tools/call', issues, undefined)).toBe('params: required, an object');
  });

  it('lists the allowed values of an enum', () => {
    const params = { level: 'loud' };
    const issues = issuesOf(SetLevelRequestSchema, { method: 'logging/setLevel', params });
    expect(describeIssues('logging/setLevel', issues, params)).toMatch(
      /^params\.level: expected one of "debug", "info", .*, got "loud"$/,
    );
  });
});
