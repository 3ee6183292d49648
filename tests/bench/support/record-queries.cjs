// Preloaded into a backend process by the bench (`node --require`): while recording is on, every
// statement the pg client sends is kept with its parameters and its time, and handed back over
// the IPC channel. Used by R6 to count the SQL statements of one GraphQL request and to find its
// slowest statement for EXPLAIN ANALYZE. Off, it adds one boolean check per query.
const pg = require('pg');

let recording = false;
let queries = [];

/** Parameters as they can cross the IPC channel and be sent again by another pg client. */
function portable(value) {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (Array.isArray(value)) return value.map(portable);
  return value;
}

const original = pg.Client.prototype.query;
pg.Client.prototype.query = function recordedQuery(...args) {
  if (!recording) return original.apply(this, args);
  const [config, values] = args;
  const text = typeof config === 'string' ? config : config && config.text;
  const params = Array.isArray(values) ? values : config && config.values;
  const entry = { text, params: (params || []).map(portable), ms: null };
  queries.push(entry);
  const t0 = process.hrtime.bigint();
  const done = () => (entry.ms = Number(process.hrtime.bigint() - t0) / 1e6);
  const result = original.apply(this, args);
  if (result && typeof result.then === 'function') result.then(done, done);
  return result;
};

process.on('message', (message) => {
  if (!message || message.type !== 'bench:record') return;
  if (message.on) {
    queries = [];
    recording = true;
    process.send({ type: 'bench:recording' });
  } else {
    recording = false;
    process.send({ type: 'bench:recorded', queries });
    queries = [];
  }
});
