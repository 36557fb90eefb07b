/**
 * SMART Backend Services access tokens
 * (https://hl7.org/fhir/smart-app-launch/backend-services.html#obtaining-an-access-token):
 * OAuth 2.0 `client_credentials` with a `private_key_jwt` client assertion (RFC 7523) signed
 * with jose: `iss` = `sub` = the client id, `aud` the token URL, a fresh `jti`, `exp` five
 * minutes away at most, `kid` in the header so the server picks the key from our JWKS. The
 * token is kept until shortly before `expires_in` runs out, or until the server refuses it.
 */
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import type { FhirPushConfig } from '../kiosk-config';
import type { PushHttp } from './fhir-http';
import { PUSH_KEY_ALG, type PushKey } from './push-key';

/** A token is given up this long before it expires, so none is used as it runs out. */
const EXPIRY_MARGIN_MS = 30_000;
/** The spec: "exp … no more than five minutes in the future". */
const ASSERTION_LIFETIME_S = 240;

/** The token endpoint refused the kiosk (a wrong or revoked key, an unknown client id). */
export class TokenRefusedError extends Error {
  override readonly name = 'TokenRefusedError';
  constructor(
    readonly httpStatus: number,
    /** The endpoint's `error` and `error_description`, which name no client data. */
    readonly detail: string,
  ) {
    super(`push: the token endpoint refused the kiosk (HTTP ${String(httpStatus)}): ${detail}`);
  }
}

export interface TokenSource {
  /** A valid access token: the cached one, or a new one. */
  token(): Promise<string>;
  /** Forgets the cached token (the FHIR server answered 401). */
  drop(): void;
}

export function createTokenSource(deps: {
  config: Pick<FhirPushConfig, 'tokenUrl' | 'clientId' | 'scope'>;
  http: PushHttp;
  key: () => PushKey;
  now: () => Date;
}): TokenSource {
  let cached: { token: string; until: number } | null = null;

  async function request(): Promise<{ token: string; until: number }> {
    const { tokenUrl, clientId, scope } = deps.config;
    const key = deps.key();
    const issuedAt = Math.floor(deps.now().getTime() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: PUSH_KEY_ALG, kid: key.kid, typ: 'JWT' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_LIFETIME_S)
      .sign(await importJWK(key.privateJwk, PUSH_KEY_ALG));
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    const answer = await deps.http.post(tokenUrl, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    });
    const body = parseJson(answer.text) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
      error_description?: unknown;
    } | null;
    if (answer.status < 200 || answer.status > 299 || typeof body?.access_token !== 'string') {
      const words = [body?.error, body?.error_description].filter(
        (word): word is string => typeof word === 'string',
      );
      throw new TokenRefusedError(
        answer.status,
        words.join(': ').slice(0, 300) || 'no reason given',
      );
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
    return {
      token: body.access_token,
      until: deps.now().getTime() + seconds * 1000 - EXPIRY_MARGIN_MS,
    };
  }

  return {
    async token() {
      if (cached === null || deps.now().getTime() >= cached.until) {
        cached = await request();
      }
      return cached.token;
    },
    drop() {
      cached = null;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
