// The single HTTP server: routes each request to STS (awsQuery), Config (awsJson1_1)
// or Security Hub (restJson1), authenticates it the way AWS does (access key, session
// token, expiry, SigV4 signature, then what the principal may call), applies scenario
// effects and counts the call. `POST /__scenario` is the admin route.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { handleAdmin, isAdminPath } from './admin';
import { configErrorResponse, ConfigService } from './config-service';
import { CredentialStore, managementPrincipal, type AccessKeyPair, type Caller, type ManagementPrincipal } from './credentials';
import { AwsServiceError, commonErrors, type AwsService } from './errors';
import { FindingsStore } from './findings-store';
import { demoOrganization, type Organization } from './generator';
import type { ServiceRequest, ServiceResponse } from './http-types';
import { NextTokenCodec } from './next-token';
import { ScenarioControls, type CallContext } from './scenarios';
import { securityHubErrorResponse, SecurityHubService } from './security-hub';
import { parseAuthorization, verifySignature } from './sigv4';
import { stsAction, stsErrorResponse, StsService } from './sts';

export interface AwsEndpointOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the endpoint is for this machine only. */
  host?: string;
  /** Default: demoOrganization(). */
  organization?: Organization;
  /** Caller keys accepted for STS. Default: the organization's (DEMO_MANAGEMENT_KEYS unless set). */
  managementKeys?: AccessKeyPair;
  /** Required in `x-safeguards-admin-token` on the admin route. Default: random. */
  adminToken?: string;
  /** Recompute SigV4 signatures (default true). Access key and session token are always checked. */
  verifySignatures?: boolean;
  /** Receives one line per failed request (default: silent). */
  log?: (line: string) => void;
}

export interface AwsEndpoint {
  /** e.g. `http://127.0.0.1:41234`: pass as the SDK clients' `endpoint` (or AWS_ENDPOINT_URL). */
  url: string;
  port: number;
  org: Organization;
  scenarios: ScenarioControls;
  /** The principal whose keys may call STS (and nothing else). */
  management: ManagementPrincipal;
  /** Token for the admin route's `x-safeguards-admin-token` header. */
  adminToken: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const SIGNING_NAMES: Record<AwsService, string> = { sts: 'sts', config: 'config', securityhub: 'securityhub' };

interface Route {
  service: AwsService;
  operation: string;
}

function route(req: IncomingMessage, path: string, body: Buffer): Route | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const dot = target.indexOf('.');
    if (target.slice(0, dot) === 'StarlingDoveService') return { service: 'config', operation: target.slice(dot + 1) };
    return undefined;
  }
  if (req.method === 'POST' && path === '/findings') return { service: 'securityhub', operation: 'GetFindings' };
  const contentType = req.headers['content-type'] ?? '';
  if (req.method === 'POST' && path === '/' && contentType.startsWith('application/x-www-form-urlencoded')) {
    const action = stsAction(body);
    if (action) return { service: 'sts', operation: action };
  }
  return undefined;
}

function errorResponse(service: AwsService, error: AwsServiceError, requestId: string): ServiceResponse {
  if (service === 'sts') return stsErrorResponse(error, requestId);
  if (service === 'config') return configErrorResponse(error, requestId);
  return securityHubErrorResponse(error, requestId);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsServiceError('RequestEntityTooLarge', 'Request body is too large.', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: ServiceResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startAwsEndpoint(options: AwsEndpointOptions = {}): Promise<AwsEndpoint> {
  const org = options.organization ?? demoOrganization();
  const management = managementPrincipal(org.managementAccountId, options.managementKeys ?? org.managementKeys);
  const credentials = new CredentialStore(management);
  const findings = new FindingsStore(org);
  const scenarios = new ScenarioControls(org, findings);
  const tokens = new NextTokenCodec();
  const sts = new StsService(org, credentials, scenarios);
  const config = new ConfigService(org, scenarios, tokens);
  const securityHub = new SecurityHubService(org, findings, scenarios, tokens);
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const verify = options.verifySignatures ?? true;
  const log = options.log ?? (() => {});

  /** Who is calling, or the error AWS would answer with. */
  function authenticate(req: IncomingMessage, path: string, query: string, body: Buffer, service: AwsService): { caller: Caller; region: string } {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) throw req.headers.authorization ? commonErrors.incompleteSignature(service, 'Authorization header requires Credential, SignedHeaders and Signature parameters.') : commonErrors.missingAuthentication(service);
    if (auth.service !== SIGNING_NAMES[service]) throw commonErrors.incompleteSignature(service, `Credential should be scoped to correct service: '${SIGNING_NAMES[service]}'.`);
    const caller = credentials.lookup(auth.accessKeyId);
    if (!caller) throw commonErrors.unrecognizedClient(service);
    const token = req.headers['x-amz-security-token'];
    let secret: string;
    if (caller.kind === 'session') {
      if (token !== caller.session.sessionToken) throw commonErrors.unrecognizedClient(service);
      if (scenarios.nowMs() >= caller.session.expiresAtMs) throw commonErrors.expiredToken(service);
      secret = caller.session.secretAccessKey;
    } else {
      if (token !== undefined) throw commonErrors.unrecognizedClient(service);
      secret = caller.principal.secretAccessKey;
    }
    if (verify) {
      const check = verifySignature({ method: req.method ?? 'GET', path, query, headers: req.headers, body }, auth, secret);
      if (!check.ok) throw commonErrors.badSignature(service, check.message);
    }
    return { caller, region: auth.region };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    const body = await readBody(req);

    if (isAdminPath(path)) {
      send(res, await handleAdmin({ req, path, body, adminToken, scenarios, org, management }));
      return;
    }

    const r = route(req, path, body);
    if (!r) {
      const scoped = parseAuthorization(req.headers.authorization)?.service;
      const service: AwsService = scoped === 'config' ? 'config' : scoped === 'sts' ? 'sts' : 'securityhub';
      send(res, errorResponse(service, new AwsServiceError('UnknownOperationException', `No operation matches ${req.method} ${path} on this endpoint.`, service === 'config' ? 400 : 404), requestId));
      return;
    }

    const ctx: CallContext = { service: r.service, operation: r.operation, region: 'us-east-1' };
    const startedAt = performance.now();
    let delay = 0;
    let response: ServiceResponse;
    let throttled = false;
    try {
      const { caller, region } = authenticate(req, path, query, body, r.service);
      ctx.region = region;
      ctx.principalArn = caller.kind === 'management' ? caller.principal.arn : caller.session.assumedRoleArn;
      ctx.accountId = caller.kind === 'management' ? caller.principal.accountId : caller.session.accountId;
      if (r.service === 'sts' && r.operation === 'AssumeRole') {
        const roleArn = new URLSearchParams(body.toString('utf8')).get('RoleArn') ?? '';
        ctx.accountId = /^arn:aws:iam::(\d{12}):/.exec(roleArn)?.[1];
      }

      delay = scenarios.delayFor(ctx);
      if (delay > 0) await sleep(delay);

      // The management user's policy allows sts:AssumeRole only.
      if (caller.kind === 'management' && r.service !== 'sts') {
        throw commonErrors.accessDenied(r.service, caller.principal.arn, `${SIGNING_NAMES[r.service]}:${r.operation}`);
      }
      const injected = scenarios.injectedError(ctx);
      if (injected) throw injected;

      const request: ServiceRequest = { service: r.service, operation: r.operation, region, caller, body, requestId };
      response = r.service === 'sts' ? sts.handle(request) : r.service === 'config' ? config.handle(request) : securityHub.handle(request);
    } catch (error) {
      const awsError =
        error instanceof AwsServiceError ? error : commonErrors.internal(r.service, 500);
      if (!(error instanceof AwsServiceError)) log(`[aws-endpoint] ${r.service}:${r.operation} failed: ${(error as Error)?.stack ?? String(error)}`);
      else log(`[aws-endpoint] ${r.service}:${r.operation} -> ${awsError.status} ${awsError.code}`);
      throttled = awsError.code === 'TooManyRequestsException' || awsError.code === 'ThrottlingException' || awsError.code === 'Throttling';
      response = errorResponse(r.service, awsError, requestId);
    }
    send(res, response);
    scenarios.record(ctx, response.status, throttled, performance.now() - startedAt - delay);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`[aws-endpoint] request failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) {
        const status = error instanceof AwsServiceError ? error.status : 500;
        res.writeHead(status, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify({ message: (error as Error)?.message ?? 'Internal error' }));
    });
  });
  server.keepAliveTimeout = 30_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    org,
    scenarios,
    management,
    adminToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
