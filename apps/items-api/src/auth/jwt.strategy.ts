import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

import { jwtSecretFromEnv } from './dev-token.js';

/** The caller, as the JWT strategy puts it on `req.user`. */
export interface TokenUser {
  subject: string;
}

/**
 * Validates HS256 bearer tokens signed with `JWT_SECRET` (or the dev default, see `dev-token.ts`); expired
 * and wrongly signed tokens are refused by passport-jwt before `validate` runs.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor() {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtSecretFromEnv(),
      algorithms: ['HS256'],
    });
  }

  validate(payload: { sub: string }): TokenUser {
    return { subject: payload.sub };
  }
}
