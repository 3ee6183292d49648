// A small client of the backend's public API (GraphQL and the REST paths of rest.md).
import { Agent, request } from 'undici';

const agent = new Agent({ connections: 64, pipelining: 1, keepAliveTimeout: 5_000 });

export function apiClient(baseUrl) {
  const http = async (path, { method = 'POST', token, json, headers = {} } = {}) => {
    const res = await request(baseUrl + path, {
      method,
      dispatcher: agent,
      headers: {
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
    const text = await res.body.text();
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.statusCode, body };
  };
  /** Runs an operation; throws with the errors unless it succeeded. */
  const gql = async (query, variables = {}, token) => {
    const res = await http('/graphql', { json: { query, variables }, token });
    if (res.status !== 200 || res.body?.errors?.length || !res.body?.data)
      throw new Error(
        `GraphQL ${res.status}: ${JSON.stringify(res.body?.errors ?? res.body).slice(0, 2000)}`,
      );
    return res.body.data;
  };
  return { baseUrl, http, gql };
}

/** Runs `fn` over `items` with at most `concurrency` calls in flight; resolves the results in order. */
export async function mapLimit(items, concurrency, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
