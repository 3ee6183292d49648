import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule as NestGraphQLModule } from '@nestjs/graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { Request, Response } from 'express';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { WebSocket } from 'ws';
import { AppConfig } from '../config/app-config';
import { ActorResolver } from '../auth/actor';
import { LoaderRegistry, RequestContext } from '../auth/request-context';
import { MetricsService } from '../metrics/metrics.service';
import { formatGraphQLError } from './format-error';
import { LiveSockets, LiveSocketsModule } from './live-sockets';
import { metricsPlugin } from './metrics.plugin';
import { SystemResolver } from './system.resolver';
import { websocketOptions } from './websocket';

/** Resolves the actor without throwing: a bad credential only fails operations that need one. */
async function authenticate(actors: ActorResolver | undefined, header: string | undefined) {
  try {
    return { actor: actors ? await actors.resolve(header) : null };
  } catch (error) {
    return { actor: null, authError: error as Error };
  }
}

/** Armor rules report refusals as validation errors (never thrown, which Apollo would treat as a crash). */
const armor = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)],
};

/** Largest document the parser reads, in tokens (stops huge documents before validation). */
const MAX_TOKENS = 5000;

/** Depth, alias, directive and cost limits: for HTTP operations and subscriptions alike. */
const limitRules = (config: AppConfig) => [
  maxDepthRule({ ...armor, n: config.graphqlMaxDepth }),
  maxAliasesRule({ ...armor, n: config.graphqlMaxAliases }),
  maxDirectivesRule({ ...armor, n: 20 }),
  costLimitRule({ ...armor, maxCost: config.graphqlMaxCost }),
];

@Module({
  imports: [
    LiveSocketsModule,
    NestGraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [LiveSocketsModule],
      inject: [AppConfig, MetricsService, LiveSockets, { token: ActorResolver, optional: true }],
      useFactory: (
        config: AppConfig,
        metrics: MetricsService,
        sockets: LiveSockets,
        actors?: ActorResolver,
      ): ApolloDriverConfig => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        buildSchemaOptions: { dateScalarMode: 'isoDate' },
        introspection: !config.isProduction,
        playground: false,
        allowBatchedHttpRequests: false,
        includeStacktraceInErrorResponses: false,
        parseOptions: { maxTokens: MAX_TOKENS },
        validationRules: limitRules(config),
        plugins: [
          metricsPlugin(metrics),
          ApolloServerPluginDisableSuggestions(),
          config.isProduction
            ? ApolloServerPluginLandingPageDisabled()
            : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
        ],
        formatError: formatGraphQLError,
        subscriptions: {
          'graphql-ws': {
            path: '/graphql',
            ...websocketOptions(limitRules(config), config.isProduction, MAX_TOKENS),
            onConnect: async (ctx) => {
              sockets.track((ctx.extra as { socket: WebSocket }).socket);
              const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
              const header = (params.authorization ?? params.Authorization) as string | undefined;
              Object.assign(ctx.extra as object, await authenticate(actors, header));
              return true;
            },
          },
        },
        context: async (args: {
          req?: Request;
          res?: Response;
          extra?: Record<string, unknown>;
        }): Promise<RequestContext> => {
          if (args.extra) {
            const { actor = null, authError } = args.extra as Partial<RequestContext>;
            return { actor, authError, loaders: new LoaderRegistry() };
          }
          const req = args.req as Request & { id?: string };
          return {
            req,
            res: args.res,
            ...(await authenticate(actors, req.headers.authorization)),
            requestId: req.id,
            ip: req.ip,
            loaders: new LoaderRegistry(),
          };
        },
      }),
    }),
  ],
  providers: [SystemResolver],
  exports: [LiveSocketsModule],
})
export class GraphQLPlatformModule {}
