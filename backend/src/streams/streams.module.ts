import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreatorsModule } from '../creators/creators.module';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { CreatorStreamsResolver, StreamResolver } from './graphql/stream.resolver';
import { StreamEntity } from './stream.entity';
import { StreamsLoaders } from './streams.loaders';
import { StreamHooks } from './stream-hooks';
import { StreamsService } from './streams.service';

/** Creators' live streams and their lifecycle (the transition rules live in stream-transitions.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([StreamEntity]), CreatorsModule],
  providers: [StreamsService, StreamHooks, StreamsLoaders, StreamResolver, CreatorStreamsResolver],
  exports: [StreamsService, StreamHooks],
})
export class StreamsModule implements OnModuleInit {
  constructor(
    private readonly access: AccessPolicy,
    private readonly streams: StreamsService,
  ) {}

  onModuleInit(): void {
    this.access.register('stream', (ids) => this.streams.owners(ids));
  }
}
