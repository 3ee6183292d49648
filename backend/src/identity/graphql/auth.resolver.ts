import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { SessionService } from '../auth/session.service';
import { SignUpService } from '../auth/sign-up.service';
import { SignUpInput } from '../dto/sign-up.input';
import { AuthPayload } from './identity.types';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly signUps: SignUpService,
    private readonly sessions: SessionService,
  ) {}

  @Mutation(() => AuthPayload)
  signUp(@Args('input') input: SignUpInput): Promise<AuthPayload> {
    return this.signUps.signUp(input);
  }

  @Mutation(() => AuthPayload)
  logIn(
    @Args('email') email: string,
    @Args('password') password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return this.sessions.logIn(email, password, ctx.ip);
  }

  @Mutation(() => AuthPayload)
  refreshSession(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.sessions.refresh(refreshToken);
  }

  @Mutation(() => Boolean)
  logOut(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    return this.sessions.logOut(refreshToken);
  }
}
