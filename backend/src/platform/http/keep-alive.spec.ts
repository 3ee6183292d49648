import { connect, Socket } from 'node:net';
import { startTestApp, TestApp } from '../../testing/test-app';

/**
 * Sends one keep-alive GET over a raw socket (no client agent that could close it by itself) and
 * resolves with the answer's Keep-Alive header, the socket still open.
 */
function getKeptAlive(baseUrl: string, path: string): Promise<{ keepAlive?: string; socket: Socket }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`),
    );
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', function onData(chunk: string) {
      answer += chunk;
      const [head, body = ''] = answer.split('\r\n\r\n');
      const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
      if (answer.includes('\r\n\r\n') && body.length >= length) {
        socket.off('data', onData);
        resolve({ keepAlive: /^keep-alive: *(.*)$/im.exec(head)?.[1].trim(), socket });
      }
    });
  });
}

/** Resolves with how long the socket stayed idle before the server closed it. */
const closedByServer = (socket: Socket) =>
  new Promise<number>((resolve) => {
    const idleSince = Date.now();
    socket.once('close', () => resolve(Date.now() - idleSince));
    socket.resume();
  });

describe('HTTP keep-alive', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('keeps idle connections longer than a proxy would (65 s by default) and says so', async () => {
    t = await startTestApp();
    const { keepAlive, socket } = await getKeptAlive(t.baseUrl, '/health/live');
    expect(keepAlive).toBe('timeout=65');
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });

  it('closes an idle connection after HTTP_KEEP_ALIVE_SECONDS', async () => {
    t = await startTestApp({ env: { HTTP_KEEP_ALIVE_SECONDS: '1' } });
    const { keepAlive, socket } = await getKeptAlive(t.baseUrl, '/health/live');
    expect(keepAlive).toBe('timeout=1');
    // Closed by the server: this client never closes it on its own.
    expect(await closedByServer(socket)).toBeGreaterThanOrEqual(500);
  });
});
