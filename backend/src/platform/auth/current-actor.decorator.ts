import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { UnauthenticatedError } from '../errors';
import type { Actor } from './actor';
import type { RequestContext } from './request-context';

type AuthState = Pick<RequestContext, 'actor' | 'authError'>;

function authState(context: ExecutionContext): AuthState {
  if (context.getType<string>() === 'graphql')
    return GqlExecutionContext.create(context).getContext<RequestContext>();
  return context.switchToHttp().getRequest<Request & Partial<AuthState>>() as AuthState;
}

export function actorOf(context: ExecutionContext): Actor | null {
  return authState(context).actor ?? null;
}

/** The signed-in actor; throws UNAUTHENTICATED when there is none or the credentials were refused. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const { actor, authError } = authState(context);
  if (authError) throw authError;
  if (!actor) throw new UnauthenticatedError();
  return actor;
});

/** The actor or null, for operations that anonymous callers may use. */
export const OptionalActor = createParamDecorator((_: unknown, context: ExecutionContext) =>
  actorOf(context),
);

/** The whole GraphQL context (loaders, request). */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext =>
  GqlExecutionContext.create(context).getContext(),
);
