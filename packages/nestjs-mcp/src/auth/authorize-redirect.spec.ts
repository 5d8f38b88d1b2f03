import { authorizeRedirectUrl, mergeScopes } from './authorize-redirect.js';

const AUTH = { defaultScope: 'openid profile email', audience: 'https://api.example.com', clientId: 'abc' };
const params = (url: string) => [...new URL(url).searchParams];

describe('authorizeRedirectUrl', () => {
  it('keeps the query of authorizeUrl and does not let the client override it', () => {
    const url = authorizeRedirectUrl(
      'https://idp.example.com/authorize?connection=github',
      new URLSearchParams('connection=evil&state=s'),
      AUTH,
    );
    expect(params(url)).toEqual([
      ['connection', 'github'],
      ['state', 's'],
      ['scope', 'openid profile email'],
      ['response_type', 'code'],
      ['client_id', 'abc'],
      ['audience', 'https://api.example.com'],
    ]);
  });

  it("keeps the client's audience and client_id, and merges repeated scope parameters", () => {
    const url = authorizeRedirectUrl(
      'https://idp.example.com/authorize',
      new URLSearchParams('scope=a%20b&scope=email&audience=mine&client_id=theirs&response_type=code'),
      AUTH,
    );
    expect(Object.fromEntries(params(url))).toEqual({
      scope: 'a b email openid profile',
      audience: 'mine',
      client_id: 'theirs',
      response_type: 'code',
    });
  });

  it('leaves out blank values and unset defaults', () => {
    const url = authorizeRedirectUrl(
      'https://idp.example.com/authorize',
      new URLSearchParams('state=%20&scope=&redirect_uri='),
      { defaultScope: 'openid' },
    );
    expect(params(url)).toEqual([
      ['scope', 'openid'],
      ['response_type', 'code'],
    ]);
  });
});

describe('mergeScopes', () => {
  it('keeps the requested order, appends missing defaults, drops duplicates and blanks', () => {
    expect(mergeScopes('  email  widgets:read email ', 'openid email')).toBe('email widgets:read openid');
    expect(mergeScopes('', 'openid profile')).toBe('openid profile');
  });
});
