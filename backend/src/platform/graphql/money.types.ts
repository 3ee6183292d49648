import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Matches } from 'class-validator';
import type { Money as MoneyValue } from '@bouquet/shared';
import { DecimalScalar } from './decimal.scalar';

@ObjectType('Money')
export class MoneyType implements MoneyValue {
  @Field(() => DecimalScalar) amount!: string;
  @Field() currency!: string;
}

/** Amount and currency as given; domains check them with `checkMoney` for their own rules. */
@InputType()
export class MoneyInput implements MoneyValue {
  @Field(() => DecimalScalar)
  @IsString()
  amount!: string;

  @Field()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO-4217 code' })
  currency!: string;
}
