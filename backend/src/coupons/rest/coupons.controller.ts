import { ApiScope } from '@bouquet/shared';
import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/current-actor.decorator';
import { RequireScope, RestAuthGuard } from '../../platform/auth/rest-auth.guard';
import { BadUserInputError } from '../../platform/errors';
import {
  IDEMPOTENCY_KEY_MAX,
  RedeemCouponBody,
  RollbackRedemptionBody,
  ValidateCouponInput,
} from '../dto/coupon.inputs';
import { RedeemCouponService } from '../redemption/redeem-coupon.service';
import { RedemptionView } from '../redemption/redemption.view';
import { RollbackRedemptionService } from '../redemption/rollback-redemption.service';
import { CouponValidation, ValidateCouponService } from '../redemption/validate-coupon.service';

/** The checkout's paths (rest.md, "Coupons"): same services as GraphQL, one rule, one code path. */
@Controller('v1')
@UseGuards(RestAuthGuard)
@RequireScope(ApiScope.REDEMPTIONS_WRITE)
export class CouponsController {
  constructor(
    private readonly validator: ValidateCouponService,
    private readonly redeemer: RedeemCouponService,
    private readonly rollbacks: RollbackRedemptionService,
  ) {}

  @Post('coupons/validate')
  @HttpCode(200)
  validate(
    @Body() body: ValidateCouponInput,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<CouponValidation> {
    return this.validator.validate(actor, body, req.ip, '');
  }

  /** 201 the new Redemption; 200 the stored answer of an earlier request with the same key and body. */
  @Post('redemptions')
  async redeem(
    @Body() body: RedeemCouponBody,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RedemptionView> {
    if (key === undefined || key.length === 0)
      throw BadUserInputError.field('Idempotency-Key', 'the Idempotency-Key header is required');
    if (key.length > IDEMPOTENCY_KEY_MAX)
      throw BadUserInputError.field(
        'Idempotency-Key',
        `the Idempotency-Key header must be at most ${IDEMPOTENCY_KEY_MAX} characters`,
      );
    const { redemption, replayed } = await this.redeemer.redeem(actor, { ...body, idempotencyKey: key }, '');
    res.status(replayed ? 200 : 201);
    return redemption;
  }

  @Post('redemptions/:id/rollback')
  @HttpCode(200)
  rollback(
    @Param('id') id: string,
    @Body() body: RollbackRedemptionBody,
    @CurrentActor() actor: Actor,
  ): Promise<RedemptionView> {
    return this.rollbacks.rollback(actor, id, body?.reason);
  }
}
