import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiScope } from '@bouquet/shared';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { Actor, ActorResolver } from './actor';

const SCOPE_KEY = 'bouquet:requiredScope';

/** Declares the API-key scope a REST path needs; portal users pass and are checked per object. */
export const RequireScope = (scope: ApiScope) => SetMetadata(SCOPE_KEY, scope);

/**
 * Authenticates REST calls (`Authorization: Bearer <api key | access token>`) and checks the
 * declared scope of API keys. The actor is then available through `@CurrentActor()`.
 */
@Injectable()
export class RestAuthGuard implements CanActivate {
  constructor(
    private readonly actors: ActorResolver,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor | null }>();
    const actor = await this.actors.resolve(req.headers.authorization);
    if (!actor) throw new UnauthenticatedError('An API key or access token is required');
    const scope = this.reflector.getAllAndOverride<ApiScope | undefined>(SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (scope && actor.kind === 'apiKey' && !actor.scopes.has(scope)) {
      throw new ForbiddenError(`This API key lacks the ${scope} scope`);
    }
    req.actor = actor;
    return true;
  }
}
