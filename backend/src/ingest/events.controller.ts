import { ApiScope } from '@bouquet/shared';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/current-actor.decorator';
import { RequireScope, RestAuthGuard } from '../platform/auth/rest-auth.guard';
import { IngestService } from './ingest.service';

/** The live platform integration sends stream events: `POST /v1/events`. */
@Controller('v1/events')
@UseGuards(RestAuthGuard)
export class EventsController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @HttpCode(202)
  @RequireScope(ApiScope.EVENTS_WRITE)
  async post(@Body() body: unknown, @CurrentActor() actor: Actor) {
    return this.ingest.ingest(actor, body);
  }
}
