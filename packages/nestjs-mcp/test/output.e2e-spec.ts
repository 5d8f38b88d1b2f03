import 'reflect-metadata';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ADAPTERS, callTool, type RunningApp } from '@nestjs-mcp/testing';
import { startOutput, writes } from './fixtures/output.app.js';

const empty = (status: number) => `The route answered ${status} with an empty response (no content).`;

describe.each(ADAPTERS)('output schemas of real-world DTOs on %s', (adapter) => {
  let running: RunningApp;
  let client: Client;
  let tools: Awaited<ReturnType<Client['listTools']>>['tools'];
  const outputSchema = (name: string) => tools.find((tool) => tool.name === name)?.outputSchema;

  beforeAll(async () => {
    running = await startOutput(adapter);
    client = await running.connect();
    tools = (await client.listTools()).tools;
  });

  afterAll(() => running.close());

  it('publishes schemas that do not require what only Swagger defaults mark required', () => {
    const defs = outputSchema('get_user')?.$defs as Record<string, Record<string, unknown>>;
    expect(defs.UserDto.required).toBeUndefined();
    expect(defs.UserDto.properties).toMatchObject({
      id: { description: expect.stringContaining('Any JSON value') },
      firstName: { type: ['string', 'null'] },
      photo: { anyOf: [{ $ref: '#/$defs/FileDto' }, { type: 'null' }] },
    });
    expect(outputSchema('list_users')?.required).toBeUndefined();
  });

  it('returns what a boilerplate handler returns as structured content, not as an error', async () => {
    const user = await client.callTool({ name: 'get_user', arguments: { id: '1' } });
    expect(user.isError).toBeFalsy();
    expect(user.structuredContent).toEqual({ id: 1, email: 'ada@example.com', photo: null });

    const slug = await client.callTool({ name: 'get_user', arguments: { id: 'ada' } });
    expect(slug.structuredContent).toMatchObject({ id: 'ada' });

    const list = await client.callTool({ name: 'list_users', arguments: {} });
    expect(list.isError).toBeFalsy();
    expect((list.structuredContent as { items: unknown[] }).items).toHaveLength(2);

    const pet = await client.callTool({ name: 'get_pet', arguments: { name: 'Rex' } });
    expect(pet.isError).toBeFalsy();
    expect(pet.structuredContent).toEqual({ name: 'Rex' });
  });

  it('reports a POST 201 write (a login) whose DTO lists optional fields as the success it is', async () => {
    const login = await client.callTool({ name: 'login', arguments: {} });
    expect(login.isError).toBeFalsy();
    expect(login.structuredContent).toMatchObject({ token: 't0k3n', user: { photo: null } });
  });

  it.each(['get_nobody', 'get_nothing', 'list_nobody', 'ping_user'])(
    'answers null, undefined or an empty body (%s) with a success that says it was empty',
    async (name) => {
      const result = await client.callTool({ name, arguments: {} });
      expect(result).toEqual({ content: [{ type: 'text', text: empty(200) }], structuredContent: {} });
    },
  );

  it('answers a 204 from a route documented as 200 JSON with an empty success and structuredContent {}', async () => {
    expect(outputSchema('get_gone')).toBeDefined();
    const result = await client.callTool({ name: 'get_gone', arguments: {} });
    expect(result).toEqual({ content: [{ type: 'text', text: empty(204) }], structuredContent: {} });
  });

  it('says a mismatching write answered, ran and must not be repeated, what did not match, and the body', async () => {
    const before = writes.created;
    const { text, isError } = await callTool(client, 'create_user');
    expect(writes.created).toBe(before + 1);
    expect(isError).toBe(true);
    expect(text).toContain(
      'Error calling create_user: OutputController.create (POST /users) answered 201, so the operation ran: ' +
        'do not repeat the call. This is an error result only because its response does not match the ' +
        'output schema: response.email must be string or null.',
    );
    expect(text).toContain('Response: {\n  "id": 9,\n  "email": 42\n}');
  });
});

describe.each(ADAPTERS)('strictOutputSchemas: true on %s', (adapter) => {
  let running: RunningApp;
  let client: Client;

  beforeAll(async () => {
    running = await startOutput(adapter, { strictOutputSchemas: true });
    client = await running.connect();
  });

  afterAll(() => running.close());

  it('keeps the documented required lists and types', async () => {
    const tool = (await client.listTools()).tools.find((candidate) => candidate.name === 'get_user');
    const defs = tool?.outputSchema?.$defs as Record<string, Record<string, unknown>>;
    expect(defs.UserDto.required).toEqual(['id', 'email', 'firstName', 'photo', 'role']);
    expect(defs.UserDto.properties).toMatchObject({
      id: { type: 'object' },
      photo: { $ref: '#/$defs/FileDto' },
    });
  });

  it.each([
    ['get_user', { id: '1' }, 'answered 200, but this is an error result because'],
    ['login', {}, 'answered 201, so the operation ran: do not repeat the call.'],
    ['get_pet', { name: 'Rex' }, 'answered 200, but this is an error result because'],
  ])(
    'refuses %s responses that lack documented properties, saying the route answered (and, for a write, not to repeat it)',
    async (name, args, answered) => {
      const { text, isError } = await callTool(client, name, args);
      expect(isError).toBe(true);
      expect(text).toContain(answered);
      expect(text).toContain('does not match the output schema: response');
    },
  );

  it('refuses an empty response where the schema requires properties, worded the same on both adapters', async () => {
    for (const name of ['get_nobody', 'get_nothing']) {
      const { text, isError } = await callTool(client, name);
      expect(isError).toBe(true);
      expect(text).toContain(
        'answered 200, but this is an error result because its empty response does not match the output ' +
          'schema: response: missing required property "id"',
      );
      expect(text).toContain(`Response: ${empty(200)}`);
      expect(text).not.toContain('do not repeat');
    }
  });
});
