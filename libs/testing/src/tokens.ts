import jwt from 'jsonwebtoken';

/** The HS256 secret the test apps' JWT strategies verify with. */
export const TEST_JWT_SECRET = 'nestjs-mcp-test-secret';

/** Signs a short-lived HS256 bearer token for `subject` with the test secret. */
export function signToken(
  subject: string,
  claims: Record<string, unknown> = {},
  secret = TEST_JWT_SECRET,
): string {
  return jwt.sign({ ...claims, sub: subject }, secret, { algorithm: 'HS256', expiresIn: '5m' });
}

/** `{ authorization: 'Bearer <token>' }` for `subject`. */
export function bearer(subject: string, claims: Record<string, unknown> = {}): Record<string, string> {
  return { authorization: `Bearer ${signToken(subject, claims)}` };
}
