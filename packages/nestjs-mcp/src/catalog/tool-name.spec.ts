import { createHash } from 'node:crypto';
import { MAX_TOOL_NAME_LENGTH, readableDefaultName, snakeCase, toToolName } from './tool-name.js';

describe('toToolName', () => {
  it('keeps letters, digits, underscore, dot and dash', () => {
    expect(toToolName('Items_Controller.find-all09')).toBe('Items_Controller.find-all09');
  });

  it('replaces every other character with an underscore', () => {
    expect(toToolName('get /items/{id}')).toBe('get_items_id_');
    expect(toToolName('héllo wörld')).toBe('h_llo_w_rld');
    expect(toToolName('a:b')).toBe('a_b');
  });

  it("turns each run of unsafe characters into one underscore and keeps the name's own underscores", () => {
    expect(toToolName('a   b')).toBe('a_b');
    expect(toToolName('get__item')).toBe('get__item');
    expect(toToolName('a _ b')).toBe('a___b');
    expect(toToolName('a_-_b')).toBe('a_-_b');
  });

  it('falls back to "tool" for an empty name', () => {
    expect(toToolName('')).toBe('tool');
  });

  it('does not fall back when only unsafe characters were given', () => {
    expect(toToolName('///')).toBe('_');
  });

  it('leaves a safe name of up to 64 characters unchanged', () => {
    const exact = 'a'.repeat(MAX_TOOL_NAME_LENGTH);
    expect(MAX_TOOL_NAME_LENGTH).toBe(64);
    expect(toToolName(exact)).toBe(exact);
    expect(toToolName('b'.repeat(63))).toBe('b'.repeat(63));
  });

  it('shortens a longer name to exactly 64 characters, keeping its start and ending with a hash', () => {
    const raw = 'x'.repeat(65);
    const name = toToolName(raw);
    expect(name).toHaveLength(64);
    const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
    expect(name).toBe(`${'x'.repeat(55)}_${hash}`);
    expect(name).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('measures the length after sanitising, so a long name that collapses to 64 or fewer is kept', () => {
    const raw = `a${' '.repeat(100)}b`;
    expect(toToolName(raw)).toBe('a_b');
  });

  it('is deterministic', () => {
    const raw = `ItemsController.${'veryLongOperationName'.repeat(5)}`;
    expect(toToolName(raw)).toBe(toToolName(raw));
  });

  it('keeps distinct long names that share a 60-character prefix distinct', () => {
    const prefix = 'p'.repeat(60);
    const first = toToolName(`${prefix}_first_operation`);
    const second = toToolName(`${prefix}_second_operation`);
    expect(first).toHaveLength(64);
    expect(second).toHaveLength(64);
    expect(first.slice(0, 55)).toBe(second.slice(0, 55));
    expect(first).not.toBe(second);
  });

  it('hashes the raw name, so long names that sanitise identically stay distinct', () => {
    const prefix = 'q'.repeat(70);
    expect(toToolName(`${prefix} a`)).not.toBe(toToolName(`${prefix}/a`));
  });
});

describe('snakeCase', () => {
  it.each([
    ['findAll', 'find_all'],
    ['Users', 'users'],
    ['HTTPStatus', 'http_status'],
    ['getV2Items', 'get_v2_items'],
    ['find_one', 'find_one'],
    ['v1', 'v1'],
    ['2.0', '2.0'],
    ['My-Cats', 'my_cats'],
  ])('%s → %s', (text, expected) => {
    expect(snakeCase(text)).toBe(expected);
  });
});

describe('readableDefaultName', () => {
  const users = { controller: 'UsersController', method: 'findAll' };

  it("makes @nestjs/swagger's default operationId readable", () => {
    expect(readableDefaultName('UsersController_findAll', users)).toBe('users_find_all');
  });

  it('keeps the version of a versioned route (URI prefix included)', () => {
    const versioned = { ...users, versions: ['1'] };
    expect(readableDefaultName('UsersController_findAll_v1', versioned)).toBe('users_find_all_v1');
    expect(readableDefaultName('UsersController_findAll_1', versioned)).toBe('users_find_all_1');
  });

  it("keeps a path alias's index and an @All() route's verb", () => {
    expect(readableDefaultName('UsersController_findAll[1]', users)).toBe('users_find_all_1');
    expect(readableDefaultName('UsersController_findAll_post', users)).toBe('users_find_all_post');
  });

  it('splits acronyms and keeps a controller named without the Controller suffix', () => {
    expect(
      readableDefaultName('HTTPCatsController_getByID', {
        controller: 'HTTPCatsController',
        method: 'getByID',
      }),
    ).toBe('http_cats_get_by_id');
    expect(readableDefaultName('Users_findAll', { controller: 'Users', method: 'findAll' })).toBe(
      'users_find_all',
    );
    expect(readableDefaultName('Controller_list', { controller: 'Controller', method: 'list' })).toBe(
      'controller_list',
    );
  });

  it('leaves explicit operationIds alone', () => {
    expect(readableDefaultName('listUsers', users)).toBeUndefined();
    expect(readableDefaultName('UsersController_findAllLegacy', users)).toBeUndefined();
    expect(
      readableDefaultName('UsersController_findAll_legacy', { ...users, versions: ['1'] }),
    ).toBeUndefined();
    expect(readableDefaultName('OtherController_findAll', users)).toBeUndefined();
  });
});
