import { Injectable, Module } from '@nestjs/common';
import type { WebSocket } from 'ws';

/** "Going Away": graphql-ws clients (the portal's included) reconnect, to another api replica. */
const GOING_AWAY = 1001;

/**
 * The open graphql-ws sockets of this process. A shutdown closes them first: an upgraded socket
 * counts as an open connection of the HTTP server, which would otherwise wait for it until the
 * shutdown runs out of time.
 */
@Injectable()
export class LiveSockets {
  private readonly open = new Set<WebSocket>();

  track(socket: WebSocket): void {
    if (socket.readyState !== socket.OPEN) return;
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }

  get count(): number {
    return this.open.size;
  }

  /** Closes every socket with 1001 Going Away; resolves once each close handshake has ended. */
  closeAll(reason = 'Server shutting down'): Promise<void> {
    const closing = [...this.open].map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.close(GOING_AWAY, reason);
        }),
    );
    return Promise.all(closing).then(() => undefined);
  }
}

@Module({ providers: [LiveSockets], exports: [LiveSockets] })
export class LiveSocketsModule {}
