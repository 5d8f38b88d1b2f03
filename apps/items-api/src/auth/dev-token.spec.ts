import jwt from 'jsonwebtoken';
import { DEV_JWT_SECRET, DEV_SUBJECT, jwtSecretFromEnv, mintDevToken } from './dev-token.js';

describe('dev tokens', () => {
  it('take JWT_SECRET when it is set, else the documented dev secret', () => {
    expect(jwtSecretFromEnv('s3cret')).toBe('s3cret');
    expect(jwtSecretFromEnv('')).toBe(DEV_JWT_SECRET);
    expect(jwtSecretFromEnv(undefined)).toBe(DEV_JWT_SECRET);
  });

  it('are HS256 tokens for the dev subject, valid for a day, by default', () => {
    const token = mintDevToken({ secret: DEV_JWT_SECRET });
    const { header, payload } = jwt.verify(token, DEV_JWT_SECRET, { complete: true }) as jwt.Jwt & {
      payload: jwt.JwtPayload;
    };
    expect(header.alg).toBe('HS256');
    expect(payload.sub).toBe(DEV_SUBJECT);
    expect(payload.exp! - payload.iat!).toBe(24 * 60 * 60);
  });

  it('carry the given subject and verify only with their secret', () => {
    const token = mintDevToken({ subject: 'alice', secret: 'one', expiresInSeconds: 60 });
    expect((jwt.verify(token, 'one') as jwt.JwtPayload).sub).toBe('alice');
    expect(() => jwt.verify(token, 'two')).toThrow(/invalid signature/);
  });
});
