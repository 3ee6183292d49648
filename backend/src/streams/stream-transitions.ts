import { StreamStatus } from '@bouquet/shared';

/**
 * The one place that says how a stream's status may change, used by the GraphQL mutations and by
 * ingest events: SCHEDULED -> LIVE -> ENDED, SCHEDULED -> CANCELLED. Everything else is illegal.
 */
export const STREAM_TRANSITIONS: Readonly<Record<StreamStatus, readonly StreamStatus[]>> = {
  [StreamStatus.SCHEDULED]: [StreamStatus.LIVE, StreamStatus.CANCELLED],
  [StreamStatus.LIVE]: [StreamStatus.ENDED],
  [StreamStatus.ENDED]: [],
  [StreamStatus.CANCELLED]: [],
};

export function canTransitionStream(from: StreamStatus, to: StreamStatus): boolean {
  return STREAM_TRANSITIONS[from].includes(to);
}

/** The timestamp columns a transition sets. */
export function streamTransitionStamps(to: StreamStatus, at: Date): { startedAt?: Date; endedAt?: Date } {
  if (to === StreamStatus.LIVE) return { startedAt: at };
  if (to === StreamStatus.ENDED || to === StreamStatus.CANCELLED) return { endedAt: at };
  return {};
}
