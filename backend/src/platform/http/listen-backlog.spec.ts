import { acceptQueueOf, kernelBacklogLimit } from '@bouquet/testing';
import { startTestApp, TestApp } from '../../testing/test-app';
import { LISTEN_BACKLOG } from './configure-http';

describe('HTTP listen backlog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('queues a burst of connections as large as the kernel allows, not Node.js 511', () => {
    expect(acceptQueueOf(new URL(t.baseUrl).port)).toBe(Math.min(LISTEN_BACKLOG, kernelBacklogLimit()));
  });
});
