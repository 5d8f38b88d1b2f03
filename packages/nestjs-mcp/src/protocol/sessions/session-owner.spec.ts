import { sessionOwner } from './session-owner.js';

const jwt = (claims: object, signature = 'sig') =>
  `Bearer e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;

describe('sessionOwner', () => {
  it('keeps the owner of a renewed JWT of the same subject and issuer', () => {
    const first = sessionOwner(jwt({ iss: 'https://idp', sub: 'alice', exp: 1 }, 'a'));
    expect(sessionOwner(jwt({ iss: 'https://idp', sub: 'alice', exp: 2 }, 'b'))).toBe(first);
  });

  it('tells subjects and issuers apart', () => {
    const alice = sessionOwner(jwt({ iss: 'https://idp', sub: 'alice' }));
    expect(sessionOwner(jwt({ iss: 'https://idp', sub: 'bob' }))).not.toBe(alice);
    expect(sessionOwner(jwt({ iss: 'https://other', sub: 'alice' }))).not.toBe(alice);
  });

  it('hashes other credentials whole, and never returns the token', () => {
    const opaque = sessionOwner('Bearer opaque-token-1');
    expect(opaque).not.toContain('opaque');
    expect(sessionOwner('Bearer opaque-token-2')).not.toBe(opaque);
    expect(sessionOwner(jwt({ iss: 'x' }))).not.toBe(sessionOwner(jwt({ iss: 'x' }, 'other')));
    expect(sessionOwner(undefined)).toBe(sessionOwner(''));
  });
});
