import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';

import type { TokenUser } from './jwt.strategy.js';

/** Who the bearer token says the caller is. */
export class MeDto {
  @ApiProperty({ description: "The token's subject (`sub` claim)", example: 'dev-user' })
  subject!: string;
}

/**
 * A route with its own guard: through MCP it sees the `Authorization` header the client sent to `/mcp`
 * (forwarded to every tool call) and authenticates the caller itself.
 */
@Controller('me')
export class MeController {
  @Get()
  @UseGuards(AuthGuard('jwt'))
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'whoami', summary: 'Who am I', description: "The bearer token's subject." })
  @ApiOkResponse({ type: MeDto })
  me(@Req() req: { user: TokenUser }): MeDto {
    return { subject: req.user.subject };
  }
}
