import { hostname } from 'node:os';
import { JobProcessor, QueueProcessor } from './job-processor';
import { QUEUES } from './queues';
import { EchoJob } from './system.jobs';

@QueueProcessor(QUEUES.system)
export class SystemProcessor extends JobProcessor {
  constructor() {
    super();
    this.handle(EchoJob, async (data) => ({ echo: data.message, by: `${hostname()}:${process.pid}` }));
  }
}
