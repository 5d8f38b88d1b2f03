import jwt from 'jsonwebtoken';

/**
 * The HS256 secret of the token-passthrough example when `JWT_SECRET` is unset. It is public (it is in this
 * repository), so tokens signed with it prove nothing: set `JWT_SECRET` for anything but a local try-out.
 */
export const DEV_JWT_SECRET = 'nestjs-mcp-dev-secret';

/** The subject of a minted token when none is given. */
export const DEV_SUBJECT = 'dev-user';

/** `JWT_SECRET` when set and not empty, else {@link DEV_JWT_SECRET}; the app and `npm run token` share it. */
export function jwtSecretFromEnv(value: string | undefined = process.env.JWT_SECRET): string {
  return value ? value : DEV_JWT_SECRET;
}

/** Options of {@link mintDevToken}. */
export interface MintOptions {
  /** The `sub` claim; default {@link DEV_SUBJECT}. */
  subject?: string;
  /** Default {@link jwtSecretFromEnv}(). */
  secret?: string;
  /** Lifetime in seconds; default one day, long enough to paste into a client's configuration. */
  expiresInSeconds?: number;
}

/** Signs an HS256 bearer token that the example's `passport-jwt` strategy accepts. */
export function mintDevToken(options: MintOptions = {}): string {
  const { subject = DEV_SUBJECT, secret = jwtSecretFromEnv(), expiresInSeconds = 24 * 60 * 60 } = options;
  return jwt.sign({ sub: subject }, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds });
}
