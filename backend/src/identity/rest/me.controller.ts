import { Controller, Get, UseGuards } from '@nestjs/common';
import type { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/current-actor.decorator';
import { RestAuthGuard } from '../../platform/auth/rest-auth.guard';

/** Lets an integration check its credential: `curl -H "Authorization: Bearer $KEY" /v1/me`. */
@Controller('v1/me')
@UseGuards(RestAuthGuard)
export class MeController {
  @Get()
  me(@CurrentActor() actor: Actor) {
    return actor.kind === 'apiKey'
      ? { kind: 'apiKey', organizationId: actor.organizationId, scopes: [...actor.scopes].sort() }
      : { kind: 'user', userId: actor.userId, organizationIds: [...actor.memberships.keys()] };
  }
}
