import { startTestApp, TestApp } from '../../testing/test-app';

describe('metrics', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('exposes HTTP and GraphQL latency histograms and queue depths in Prometheus format', async () => {
    await t.gql('query Version { apiVersion }');
    await t.http('/health/live');
    const res = await t.http('/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(
      /graphql_operation_duration_seconds_count\{operation="Version",type="query",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} 1/,
    );
    expect(text).toMatch(/queue_jobs\{queue="system",state="waiting"\} 0/);
  });

  it('tags responses with a request id, keeping a sane one from the caller', async () => {
    const res = await t.http('/health/live', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const bad = await t.http('/health/live', { headers: { 'X-Request-Id': 'x'.repeat(500) } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
