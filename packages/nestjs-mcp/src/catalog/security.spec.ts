import { describeSecurity, securityOf } from './security.js';

describe('securityOf', () => {
  it("takes the operation's requirements, else the document's", () => {
    expect(securityOf({ security: [{ bearer: [] }], responses: {} }, { security: [{ key: [] }] })).toEqual([
      { bearer: [] },
    ]);
    expect(securityOf({ responses: {} }, { security: [{ key: [] }] })).toEqual([{ key: [] }]);
  });

  it('needs no login when nothing is declared, security is [] or one alternative is {}', () => {
    expect(securityOf({ responses: {} }, {})).toBeUndefined();
    expect(securityOf({ security: [], responses: {} }, { security: [{ key: [] }] })).toBeUndefined();
    expect(securityOf({ security: [{ bearer: [] }, {}], responses: {} }, {})).toBeUndefined();
  });
});

describe('describeSecurity', () => {
  it('writes one line: alternatives with "or", schemes of one requirement with "and", scopes in brackets', () => {
    expect(describeSecurity([{ bearer: [] }])).toBe('Requires authentication: bearer.');
    expect(describeSecurity([{ oauth2: ['read', 'write'], key: [] }, { bearer: [] }])).toBe(
      'Requires authentication: oauth2 (scopes: read, write) and key or bearer.',
    );
  });
});
