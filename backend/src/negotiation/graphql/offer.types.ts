import '../../platform/graphql/enums';
import { OfferStatus, Party } from '@bouquet/shared';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyType } from '../../platform/graphql/money.types';
import { PageInfo } from '../../platform/graphql/pagination';

@ObjectType('OfferTerms')
export class OfferTermsType {
  @Field(() => MoneyType, {
    description: 'Flat fee paid to the creator; committed against the budget on acceptance.',
  })
  fee!: MoneyType;
  @Field(() => Int) streamCount!: number;
  @Field(() => Int, { description: "Roses the brand funds for drops in the creator's streams." })
  roseAllowance!: number;
  @Field(() => Int, { nullable: true }) couponDiscountPercent!: number | null;
  @Field(() => String, { nullable: true }) deliverables!: string | null;
  @Field(() => Date, { nullable: true }) startsAt!: Date | null;
  @Field(() => Date, { nullable: true }) endsAt!: Date | null;
}

@ObjectType('OfferRevision')
export class OfferRevisionType {
  @Field(() => Int) number!: number;
  @Field(() => OfferTermsType) terms!: OfferTermsType;
  @Field(() => Party) proposedBy!: Party;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('OfferMessage')
export class OfferMessageType {
  @Field(() => ID) id!: string;
  authorUserId!: string;
  @Field(() => Party) party!: Party;
  @Field() body!: string;
  @Field() createdAt!: Date;
}

@ObjectType('Offer')
export class OfferType {
  @Field(() => ID) id!: string;
  campaignId!: string;
  creatorId!: string;
  revisionCount!: number;
  @Field(() => OfferStatus) status!: OfferStatus;
  @Field(() => Party, { nullable: true, description: 'Whose move it is while PENDING.' })
  awaitingResponseFrom!: Party | null;
  @Field(() => Int, { description: 'Bumped by every change; pass it back as expectedVersion.' })
  version!: number;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) acceptedAt!: Date | null;
  @Field() createdAt!: Date;
}

@ObjectType()
export class OfferConnection {
  @Field(() => [OfferType]) nodes!: OfferType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
