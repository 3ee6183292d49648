import type { ApolloServerPlugin } from '@apollo/server';
import type { MetricsService } from '../metrics/metrics.service';

/** Times each GraphQL operation by name and outcome. */
export function metricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse(ctx) {
          end({
            operation: ctx.operationName ?? 'anonymous',
            type: ctx.operation?.operation ?? 'unknown',
            outcome: ctx.errors?.length ? 'error' : 'ok',
          });
        },
      };
    },
  };
}
