import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export type Role = 'api' | 'worker' | 'all';
export type NodeEnv = 'development' | 'production' | 'test';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === 'true' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;

const DEV_JWT_SECRET = 'bouquet-development-secret-change-me-0123456789';

/**
 * The whole configuration, read once at boot from the environment.
 * Property decorators name the environment variable in `ENV_NAMES`.
 */
export class AppConfig {
  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  port = 3000;

  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  @IsString()
  databaseUrl!: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  @IsString()
  databaseReadUrl?: string;

  @Transform(toInt)
  @Min(1)
  @Max(200)
  @IsInt()
  databasePoolSize = 10;

  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  @IsString()
  redisUrl!: string;

  /** Prefix of every Redis key (queues, pub/sub, rate limits); tests use their own. */
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, _ or -' })
  @IsString()
  redisPrefix = 'bq';

  @MinLength(32, { message: 'must be at least 32 characters' })
  @IsString()
  jwtSecret = DEV_JWT_SECRET;

  @IsIn(['development', 'production', 'test'])
  nodeEnv: NodeEnv = 'development';

  @IsIn(['api', 'worker', 'all'])
  role: Role = 'all';

  @Transform(toBool)
  @IsBoolean()
  seedDemo = false;

  @Transform(toBool)
  @IsBoolean()
  migrateOnStart = true;

  @IsOptional()
  @IsString()
  portalDir?: string;

  @IsString()
  exportDir = '.data/exports';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  /**
   * How long an idle keep-alive connection stays open. Longer than the idle timeout of the proxy or
   * load balancer in front (60 s for most), so that the proxy closes first and never sends a request
   * on a connection the server is closing (Node's own 5 s default invites exactly that race).
   */
  @Transform(toInt)
  @Min(1)
  @Max(290)
  @IsInt()
  httpKeepAliveSeconds = 65;

  @Transform(toInt)
  @Min(2)
  @Max(100)
  @IsInt()
  graphqlMaxDepth = 12;

  @Transform(toInt)
  @Min(1)
  @Max(1000)
  @IsInt()
  graphqlMaxAliases = 30;

  @Transform(toInt)
  @Min(100)
  @Max(1_000_000)
  @IsInt()
  graphqlMaxCost = 20_000;

  @Transform(toInt)
  @Min(1)
  @Max(1000)
  @IsInt()
  loginMaxAttempts = 10;

  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  loginWindowSeconds = 900;

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get runsApi(): boolean {
    return this.role !== 'worker';
  }

  get runsWorkers(): boolean {
    return this.role !== 'api';
  }
}

/** Environment variable of each setting. */
export const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  databaseReadUrl: 'DATABASE_READ_URL',
  databasePoolSize: 'DATABASE_POOL_SIZE',
  redisUrl: 'REDIS_URL',
  redisPrefix: 'REDIS_PREFIX',
  jwtSecret: 'JWT_SECRET',
  nodeEnv: 'NODE_ENV',
  role: 'ROLE',
  seedDemo: 'SEED_DEMO',
  migrateOnStart: 'MIGRATE_ON_START',
  portalDir: 'PORTAL_DIR',
  exportDir: 'EXPORT_DIR',
  logLevel: 'LOG_LEVEL',
  httpKeepAliveSeconds: 'HTTP_KEEP_ALIVE_SECONDS',
  graphqlMaxDepth: 'GRAPHQL_MAX_DEPTH',
  graphqlMaxAliases: 'GRAPHQL_MAX_ALIASES',
  graphqlMaxCost: 'GRAPHQL_MAX_COST',
  loginMaxAttempts: 'LOGIN_MAX_ATTEMPTS',
  loginWindowSeconds: 'LOGIN_WINDOW_SECONDS',
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration. Throws a ConfigError whose message is one line
 * naming the variable, e.g. `Invalid configuration: PORT must not be greater than 65535 (got "70000")`.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  const plain: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    if (env[name] !== undefined && env[name] !== '') plain[key] = env[name];
  }
  const config = plainToInstance(AppConfig, { ...plain, ...overrides });
  const errors = validateSync(config, { forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) {
    const first = errors[0];
    const name = ENV_NAMES[first.property] ?? first.property;
    const reason = Object.values(first.constraints ?? {})[0]?.replace(
      new RegExp(`^${first.property}\\s*`),
      '',
    );
    const got = plain[first.property];
    throw new ConfigError(
      `Invalid configuration: ${name} ${reason ?? 'is invalid'}${got === undefined ? ' (not set)' : ` (got "${String(got)}")`}`,
    );
  }
  if (config.isProduction && config.jwtSecret === DEV_JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET must be set in production (not set)');
  }
  return config;
}
