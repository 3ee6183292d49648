// R8's baseline: a bare BullMQ worker in its own process, on the same Redis, with the concurrency
// and connection settings the project's worker uses for the `system` queue; its processor does
// what the project's EchoJob handler does (return the message).
import { Worker } from 'bullmq';

const url = new URL(process.env.REDIS_URL);
const worker = new Worker(process.env.QUEUE, async (job) => ({ echo: job.data.message }), {
  connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
  prefix: process.env.PREFIX,
  concurrency: Number(process.env.CONCURRENCY),
});
worker.on('error', (error) => console.error(`bare worker: ${error.message}`));
process.on('SIGTERM', async () => {
  await worker.close();
  process.exit(0);
});
await worker.waitUntilReady();
process.send?.({ type: 'ready' });
