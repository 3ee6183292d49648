import { defineJob } from './job';
import { QUEUES } from './queues';

/** Echoes its payload back as the job result: proves the api -> Redis -> worker path end to end. */
export const EchoJob = defineJob<{ message: string }>(QUEUES.system, 'echo', { attempts: 1 });
