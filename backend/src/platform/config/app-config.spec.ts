import { ConfigError, loadConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://u@localhost/db', REDIS_URL: 'redis://localhost:6379' };

describe('loadConfig', () => {
  it('reads typed values with defaults', () => {
    const config = loadConfig({ ...base, PORT: '4100', SEED_DEMO: 'true', ROLE: 'worker' });
    expect(config.port).toBe(4100);
    expect(config.seedDemo).toBe(true);
    expect(config.role).toBe('worker');
    expect(config.runsApi).toBe(false);
    expect(config.runsWorkers).toBe(true);
    expect(config.migrateOnStart).toBe(true);
    expect(config.nodeEnv).toBe('development');
    expect(config.httpKeepAliveSeconds).toBe(65);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer number \(got "abc"\)$/],
    [{ PORT: '70000' }, /^Invalid configuration: PORT must not be greater than 65535 \(got "70000"\)$/],
    [
      { ROLE: 'both' },
      /^Invalid configuration: ROLE must be one of the following values: api, worker, all \(got "both"\)$/,
    ],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_URL: undefined }, /^Invalid configuration: DATABASE_URL .*\(not set\)$/],
    [{ REDIS_URL: 'localhost' }, /^Invalid configuration: REDIS_URL must be a redis:\/\/ URL/],
    [{ SEED_DEMO: 'yes' }, /^Invalid configuration: SEED_DEMO must be a boolean value/],
    [{ JWT_SECRET: 'short' }, /^Invalid configuration: JWT_SECRET must be at least 32 characters/],
    [{ NODE_ENV: 'staging' }, /^Invalid configuration: NODE_ENV must be one of the following values/],
    [
      { HTTP_KEEP_ALIVE_SECONDS: '0' },
      /^Invalid configuration: HTTP_KEEP_ALIVE_SECONDS must not be less than 1 \(got "0"\)$/,
    ],
    [{ NODE_ENV: 'production' }, /^Invalid configuration: JWT_SECRET must be set in production/],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});
