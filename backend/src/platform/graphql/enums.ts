import {
  ApiScope,
  CampaignObjective,
  CampaignStatus,
  CouponCodeStatus,
  CouponRejection,
  DiscountType,
  DropStatus,
  DropTrigger,
  JobStatus,
  MembershipRole,
  OfferStatus,
  OrganizationKind,
  Party,
  RedemptionStatus,
  StreamStatus,
} from '@bouquet/shared';
import { registerEnumType } from '@nestjs/graphql';

/** Every enum of the contract, registered once under its contract name. */
const ENUMS = {
  OrganizationKind,
  MembershipRole,
  ApiScope,
  StreamStatus,
  CampaignStatus,
  CampaignObjective,
  OfferStatus,
  Party,
  DropTrigger,
  DropStatus,
  DiscountType,
  JobStatus,
  CouponCodeStatus,
  CouponRejection,
  RedemptionStatus,
};
for (const [name, value] of Object.entries(ENUMS)) registerEnumType(value, { name });
