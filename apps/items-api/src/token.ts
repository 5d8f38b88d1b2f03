import { mintDevToken } from './auth/dev-token.js';

// `npm run -s token [subject]`: prints a bearer token for the token-passthrough example, and nothing else,
// so that `$(npm run -s token)` is the token.
process.stdout.write(`${mintDevToken({ subject: process.argv[2] || undefined })}\n`);
