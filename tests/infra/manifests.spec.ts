/**
 * Keeps infra/ honest against the code: docker-compose, the Kubernetes manifests, the Dockerfiles and
 * nginx.conf may only use configuration variables the backend knows (ENV_NAMES in app-config.ts), must
 * point probes at the real health paths and ports, and must run what the backend build produces.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');
const INFRA = join(ROOT, 'infra');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const toPosix = (p: string) => p.split(sep).join(posix.sep);

// ---------------------------------------------------------------------------------------------
// What the code says
// ---------------------------------------------------------------------------------------------

/** The environment variables of AppConfig, read from the `ENV_NAMES` block of app-config.ts. */
function configVariables(): Set<string> {
  const text = read('backend/src/platform/config/app-config.ts');
  const block = /export const ENV_NAMES\b[^=]*=\s*\{([\s\S]*?)\};/.exec(text);
  if (!block) throw new Error('ENV_NAMES block not found in backend/src/platform/config/app-config.ts');
  return new Set([...block[1].matchAll(/:\s*['"]([A-Z][A-Z0-9_]*)['"]/g)].map((m) => m[1]));
}

interface TsConfig {
  compilerOptions: { outDir: string; rootDir: string };
}

/** Where the backend build (`tsc -p backend/tsconfig.app.json`) writes the JS of a source file. */
function backendOutput(source: string): string {
  const tsconfig = JSON.parse(read('backend/tsconfig.app.json')) as TsConfig;
  const outDir = resolve(ROOT, 'backend', tsconfig.compilerOptions.outDir);
  const rootDir = resolve(ROOT, 'backend', tsconfig.compilerOptions.rootDir);
  const out = join(outDir, relative(rootDir, join(ROOT, source))).replace(/\.ts$/, '.js');
  return toPosix(relative(ROOT, out));
}

const ENV = configVariables();
const MAIN_JS = backendOutput('backend/src/main.ts');
const MIGRATE_JS = backendOutput('backend/src/cli/migrate.ts');

// ---------------------------------------------------------------------------------------------
// Reading infra/
// ---------------------------------------------------------------------------------------------

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, test);
    return test(entry.name) ? [path] : [];
  });
}

/** Every document of a YAML file (`---` separated), merge keys (`<<: *anchor`) resolved. */
function loadYaml(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true });
  return docs.flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${relative(ROOT, file)}: ${doc.errors[0].message}`);
    const value = doc.toJS() as unknown;
    return value == null ? [] : [value];
  });
}

type Env = Record<string, string | number | boolean | null> | string[];

/** Names of a compose `environment` (map or list of NAME=value). */
function envNames(env: Env | undefined): string[] {
  if (!env) return [];
  return Array.isArray(env) ? env.map((e) => e.split('=')[0]) : Object.keys(env);
}

function envValue(env: Env | undefined, name: string): string | undefined {
  if (!env) return undefined;
  if (Array.isArray(env)) return env.find((e) => e.startsWith(`${name}=`))?.slice(name.length + 1);
  return env[name] == null ? undefined : String(env[name]);
}

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string } | string;
  command?: string[] | string;
  environment?: Env;
  ports?: (string | { target: number; published: string | number })[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
}

interface Dockerfile {
  file: string;
  stages: { from: string; name?: string; lines: string[] }[];
  /** The final stage's instructions. */
  final: string[];
}

function loadDockerfile(file: string): Dockerfile {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Dockerfile['stages'] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1], name: from[2], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return { file, stages, final: stages.at(-1)?.lines ?? [] };
}

const instruction = (lines: string[], name: string) =>
  lines.filter((l) => l.toUpperCase().startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());

/** `ENV A=1 B="two"` -> { A: '1', B: 'two' } over all ENV lines given. */
function dockerEnv(lines: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const body of instruction(lines, 'ENV'))
    for (const m of body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g))
      env[m[1]] = m[2].replace(/^"|"$/g, '');
  return env;
}

function dockerCmd(lines: string[]): string[] | undefined {
  const cmd = instruction(lines, 'CMD').at(-1);
  return cmd === undefined ? undefined : (JSON.parse(cmd) as string[]);
}

const imageName = (image: string) => image.replace(/(?<=[^/:]):[^/:]+$/, '');

const yamlFiles = filesUnder(INFRA, (name) => /\.ya?ml$/.test(name));
const composeFile = join(INFRA, 'docker-compose.yml');
const compose = loadYaml(composeFile)[0] as { services: Record<string, ComposeService> };
const services = compose.services;
const dockerfiles = filesUnder(join(INFRA, 'docker'), (name) => name.endsWith('Dockerfile')).map(
  loadDockerfile,
);
const backendDockerfile = join(INFRA, 'docker', 'backend.Dockerfile');
const portalDockerfile = join(INFRA, 'docker', 'portal.Dockerfile');
const dockerfileOf = (file: string) => dockerfiles.find((d) => d.file === file) as Dockerfile;

/** Images built by compose services: image name -> Dockerfile path. */
const builtImages = new Map<string, string>();
for (const svc of Object.values(services)) {
  if (!svc.build) continue;
  const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
  const dockerfile = resolve(INFRA, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
  if (svc.image) builtImages.set(imageName(svc.image), dockerfile);
}
const imageBuiltFrom = (svc: ComposeService): string | undefined =>
  svc.image ? builtImages.get(imageName(svc.image)) : undefined;

/** Environment variables of images we do not build (their own documented settings). */
const THIRD_PARTY_ENV: Record<string, string[]> = {
  postgres: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'],
};

// ---------------------------------------------------------------------------------------------

describe('the configuration variables', () => {
  it('are read from ENV_NAMES in app-config.ts', () => {
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ROLE', 'MIGRATE_ON_START'])
      expect(ENV).toContain(name);
  });

  it('are each documented in the README', () => {
    const readme = read('README.md');
    const missing = [...ENV].filter((name) => !readme.includes(`| \`${name}\``));
    expect(missing).toEqual([]);
  });
});

describe('YAML under infra/', () => {
  it('parses, every document of every file', () => {
    expect(yamlFiles.map((f) => toPosix(relative(INFRA, f)))).toEqual(
      expect.arrayContaining(['docker-compose.yml', 'k8s/api-deployment.yaml']),
    );
    for (const file of yamlFiles) expect(loadYaml(file).length).toBeGreaterThan(0);
  });
});

describe('docker-compose.yml', () => {
  it('has postgres, redis, a one-shot migrate, api, worker and portal', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'migrate', 'api', 'worker', 'portal']),
    );
  });

  it('runs two api and two worker replicas in their roles, migrating only in the migrate service', () => {
    expect(services.api.deploy?.replicas).toBe(2);
    expect(services.worker.deploy?.replicas).toBe(2);
    expect(envValue(services.api.environment, 'ROLE')).toBe('api');
    expect(envValue(services.worker.environment, 'ROLE')).toBe('worker');
    for (const name of ['api', 'worker']) {
      expect(envValue(services[name].environment, 'MIGRATE_ON_START')).toBe('false');
      expect(services[name].depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    expect(services.migrate.command).toEqual(['node', MIGRATE_JS]);
  });

  it('uses only environment variables the backend knows', () => {
    for (const [name, svc] of Object.entries(services)) {
      const allowed = new Set([...ENV, ...(THIRD_PARTY_ENV[name] ?? [])]);
      const unknown = envNames(svc.environment).filter((v) => !allowed.has(v));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('builds its own images from Dockerfiles that exist and pins the others', () => {
    expect(builtImages.size).toBeGreaterThan(0);
    for (const dockerfile of builtImages.values()) expect(existsSync(dockerfile)).toBe(true);
    for (const [name, svc] of Object.entries(services)) {
      expect({ service: name, image: svc.image }).toEqual({ service: name, image: expect.any(String) });
      if (imageBuiltFrom(svc)) continue;
      expect({ service: name, image: svc.image }).toEqual({
        service: name,
        image: expect.stringMatching(/^[a-z0-9./-]+:(?!latest$)[\w.-]+$/),
      });
    }
    for (const name of ['migrate', 'api', 'worker'])
      expect(imageBuiltFrom(services[name])).toBe(backendDockerfile);
    expect(imageBuiltFrom(services.portal)).toBe(portalDockerfile);
  });

  it('runs Redis for BullMQ: no eviction, append-only file', () => {
    const command = ([] as string[]).concat(services.redis.command ?? []).join(' ');
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(command).toMatch(/--appendonly yes/);
  });

  it('checks api and worker health on their PORT, and publishes the portal on 3000', () => {
    for (const name of ['api', 'worker']) {
      const port = envValue(services[name].environment, 'PORT');
      expect(port).toBe(dockerEnv(dockerfileOf(backendDockerfile).final).PORT);
      const test = ([] as string[]).concat(services[name].healthcheck?.test ?? []).join(' ');
      expect(test).toContain(`http://127.0.0.1:${port}/health/ready`);
    }
    expect(services.portal.ports).toEqual(['3000:80']);
    expect(read('infra/docker/nginx.conf')).toMatch(/^\s*listen 80;/m);
  });
});

describe('Dockerfiles', () => {
  it('exist for the backend and the portal', () => {
    expect(dockerfiles.map((d) => d.file)).toEqual(
      expect.arrayContaining([backendDockerfile, portalDockerfile]),
    );
  });

  it('start node on what the backend build produces', () => {
    expect(MAIN_JS).toBe('dist/backend/backend/src/main.js');
    expect(read('backend/project.json')).toContain('tsc -p backend/tsconfig.app.json');
    expect(dockerCmd(dockerfileOf(backendDockerfile).final)).toEqual(['node', MAIN_JS]);
    for (const d of dockerfiles) {
      const cmd = dockerCmd(d.final);
      if (cmd?.[0] === 'node')
        expect({ file: relative(ROOT, d.file), cmd }).toEqual({
          file: relative(ROOT, d.file),
          cmd: ['node', MAIN_JS],
        });
    }
  });

  it('build the backend with Nx and run it as the node user in the api role', () => {
    const backend = dockerfileOf(backendDockerfile);
    expect(backend.stages[0].from).toMatch(/^node:22-bookworm-slim$/);
    expect(backend.stages.flatMap((s) => instruction(s.lines, 'RUN')).join('\n')).toContain(
      'npx nx run-many -t build',
    );
    expect(instruction(backend.final, 'COPY').some((c) => /\/app\/dist\s/.test(c))).toBe(true);
    expect(instruction(backend.final, 'USER')).toEqual(['node']);
    const env = dockerEnv(backend.final);
    expect(env.ROLE).toBe('api');
    expect(instruction(backend.final, 'EXPOSE')).toEqual([env.PORT]);
    expect(instruction(backend.final, 'HEALTHCHECK').join(' ')).toContain('/health/live');
    for (const d of dockerfiles)
      expect({
        file: relative(ROOT, d.file),
        unknown: Object.keys(dockerEnv(d.final)).filter((v) => !ENV.has(v)),
      }).toEqual({ file: relative(ROOT, d.file), unknown: [] });
  });

  it('serve the Angular build from nginx, proxying the API paths to the api on its PORT', () => {
    const project = JSON.parse(read('frontend/project.json')) as {
      targets: { build: { options: { outputPath: string } } };
    };
    const browser = `${project.targets.build.options.outputPath}/browser`;
    const portal = dockerfileOf(portalDockerfile);
    expect(portal.stages.flatMap((s) => instruction(s.lines, 'RUN')).join('\n')).toContain(
      'npx nx run frontend:build',
    );
    const copies = instruction(portal.final, 'COPY');
    expect(copies.some((c) => c.includes(`/app/${browser} `))).toBe(true);
    expect(copies.some((c) => c.startsWith('infra/docker/nginx.conf '))).toBe(true);

    const nginx = read('infra/docker/nginx.conf');
    const port = envValue(services.api.environment, 'PORT');
    expect(nginx).toContain(`http://api:${port}`);
    const graphql = /location \/graphql \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    expect(graphql).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(graphql).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    for (const path of ['location /v1/', 'location /health/', 'location = /metrics'])
      expect(nginx).toContain(path);
    expect(nginx).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
  });
});

// ---------------------------------------------------------------------------------------------

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
}

interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[] };
}

interface Workload extends K8sObject {
  spec: { replicas?: number; selector?: { matchLabels: Record<string, string> }; template: PodTemplate };
}

interface ServicePort {
  name?: string;
  port: number;
  targetPort: string | number;
}

const k8sObjects = filesUnder(join(INFRA, 'k8s'), (name) => /\.ya?ml$/.test(name))
  .flatMap(loadYaml)
  .map((o) => o as K8sObject);
const ofKind = <T extends K8sObject>(kind: string) => k8sObjects.filter((o) => o.kind === kind) as T[];
const named = <T extends K8sObject>(kind: string, name: string) => {
  const found = ofKind<T>(kind).find((o) => o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in infra/k8s`);
  return found;
};
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

const configMap = ofKind<K8sObject & { data: Record<string, string> }>('ConfigMap')[0];
const secret = ofKind<K8sObject & { stringData?: Record<string, string>; data?: Record<string, string> }>(
  'Secret',
)[0];
const api = named<Workload>('Deployment', 'bouquet-api');
const worker = named<Workload>('Deployment', 'bouquet-worker');
const job = ofKind<Workload>('Job')[0];
const workloads = [api, worker, job];
const containerOf = (w: Workload) => w.spec.template.spec.containers[0];

/** A container's value for a variable: its own env first, then the ConfigMap it imports. */
function containerEnv(c: Container, name: string): string | undefined {
  const own = c.env?.find((e) => e.name === name)?.value;
  if (own !== undefined) return own;
  const fromMap = c.envFrom?.some((f) => f.configMapRef?.name === configMap.metadata.name);
  return fromMap ? configMap.data[name] : undefined;
}

/** The containerPort a probe or Service names (by port name or number). */
function resolvePort(c: Container, port: string | number): number | undefined {
  return (c.ports ?? []).find((p) => p.name === port || p.containerPort === port)?.containerPort;
}

describe('infra/k8s', () => {
  it('has the namespace, config, secret template, migration job, deployments, service, ingress, HPA and PDBs', () => {
    for (const kind of [
      'Namespace',
      'ConfigMap',
      'Secret',
      'Job',
      'Service',
      'Ingress',
      'HorizontalPodAutoscaler',
    ])
      expect({ kind, count: ofKind(kind).length }).toEqual({ kind, count: 1 });
    expect(ofKind('PodDisruptionBudget')).toHaveLength(2);
    const namespace = ofKind('Namespace')[0].metadata.name;
    for (const o of k8sObjects.filter((o) => o.metadata && o.kind !== 'Namespace'))
      expect({ kind: o.kind, namespace: o.metadata.namespace }).toEqual({ kind: o.kind, namespace });
  });

  it('uses only environment variables the backend knows', () => {
    const names = [
      ...Object.keys(configMap.data),
      ...Object.keys(secret.stringData ?? {}),
      ...Object.keys(secret.data ?? {}),
      ...workloads.flatMap((w) =>
        w.spec.template.spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name)),
      ),
    ];
    expect(names.filter((n) => !ENV.has(n))).toEqual([]);
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET'])
      expect(Object.keys(secret.stringData ?? {})).toContain(name);
  });

  it('feeds every backend container from the ConfigMap and the Secret', () => {
    for (const w of workloads) {
      const refs = containerOf(w).envFrom ?? [];
      expect(refs.some((r) => r.configMapRef?.name === configMap.metadata.name)).toBe(true);
      expect(refs.some((r) => r.secretRef?.name === secret.metadata.name)).toBe(true);
    }
  });

  it('runs the api and worker roles without migrating, and migrates in the Job', () => {
    expect(containerEnv(containerOf(api), 'ROLE')).toBe('api');
    expect(containerEnv(containerOf(worker), 'ROLE')).toBe('worker');
    for (const w of [api, worker]) expect(containerEnv(containerOf(w), 'MIGRATE_ON_START')).toBe('false');
    expect(containerOf(job).command).toEqual(['node', MIGRATE_JS]);
  });

  it('runs only the image built from backend.Dockerfile', () => {
    const backendImages = [...builtImages].filter(([, file]) => file === backendDockerfile).map(([n]) => n);
    expect(backendImages).toHaveLength(1);
    const images = workloads.map((w) => imageName(containerOf(w).image));
    expect(new Set(images)).toEqual(new Set([backendImages[0].replace(/^.*\//, '')]));
  });

  it('probes /health/ready and /health/live on the container port, which is PORT', () => {
    for (const w of [api, worker]) {
      const c = containerOf(w);
      const port = Number(containerEnv(c, 'PORT'));
      expect(port).toBeGreaterThan(0);
      expect(c.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(c.livenessProbe?.httpGet?.path).toBe('/health/live');
      for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe].filter((p): p is Probe => !!p))
        expect(resolvePort(c, probe.httpGet?.port ?? -1)).toBe(port);
      expect(matches(w.spec.selector?.matchLabels ?? {}, w.spec.template.metadata.labels)).toBe(true);
    }
  });

  it('sends the Service to the api pods on their PORT and the Ingress /graphql to the Service', () => {
    const service = ofKind<K8sObject & { spec: { selector: Record<string, string>; ports: ServicePort[] } }>(
      'Service',
    )[0];
    expect(matches(service.spec.selector, api.spec.template.metadata.labels)).toBe(true);
    expect(matches(service.spec.selector, worker.spec.template.metadata.labels)).toBe(false);
    const c = containerOf(api);
    for (const p of service.spec.ports)
      expect(resolvePort(c, p.targetPort)).toBe(Number(containerEnv(c, 'PORT')));

    const ingress = ofKind<
      K8sObject & {
        metadata: { annotations: Record<string, string> };
        spec: {
          rules: {
            http: {
              paths: {
                path: string;
                backend: { service: { name: string; port: { name?: string; number?: number } } };
              }[];
            };
          }[];
        };
      }
    >('Ingress')[0];
    const paths = ingress.spec.rules.flatMap((r) => r.http.paths);
    const graphql = paths.find((p) => p.path === '/graphql');
    expect(graphql?.backend.service.name).toBe(service.metadata.name);
    for (const p of paths) {
      const port = p.backend.service.port;
      expect(service.spec.ports.some((sp) => sp.name === port.name || sp.port === port.number)).toBe(true);
    }
    // graphql-ws subscriptions stay open far longer than ingress-nginx's 60 s default.
    expect(
      Number(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']),
    ).toBeGreaterThanOrEqual(3600);
  });

  it('autoscales the api Deployment and protects api and worker with disruption budgets', () => {
    const hpa = ofKind<
      K8sObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }
    >('HorizontalPodAutoscaler')[0];
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: api.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pdbs = ofKind<K8sObject & { spec: { selector: { matchLabels: Record<string, string> } } }>(
      'PodDisruptionBudget',
    );
    for (const w of [api, worker])
      expect(
        pdbs.filter((p) => matches(p.spec.selector.matchLabels, w.spec.template.metadata.labels)),
      ).toHaveLength(1);
  });
});
