import { ApiScope } from '@bouquet/shared';
import { Body, Controller, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/current-actor.decorator';
import { RequireScope, RestAuthGuard } from '../../platform/auth/rest-auth.guard';
import { DropClaims } from '../drop-claims.service';

export class ClaimBody {
  @MaxLength(128, { message: 'viewerId must be at most 128 characters' })
  @MinLength(1, { message: 'viewerId must not be empty' })
  @IsString({ message: 'viewerId must be a string' })
  viewerId!: string;
}

/** The stream-side integration claims a rose for a viewer: `POST /v1/drops/{id}/claims`. */
@Controller('v1/drops')
@UseGuards(RestAuthGuard)
export class DropClaimsController {
  constructor(private readonly claims: DropClaims) {}

  @Post(':id/claims')
  @HttpCode(201)
  @RequireScope(ApiScope.DROPS_CLAIM)
  async claim(
    @Param('id') id: string,
    @Body() body: ClaimBody,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const claim = await this.claims.claim(actor, id, body.viewerId, idempotencyKey);
    return {
      id: claim.id,
      dropId: claim.dropId,
      viewerId: claim.viewerId,
      roses: claim.roses,
      couponCode: claim.couponCode,
      claimedAt: claim.claimedAt,
    };
  }
}
