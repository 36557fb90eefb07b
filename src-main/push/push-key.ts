/**
 * The kiosk's own key pair for the FHIR server's token endpoint (SMART Backend Services,
 * https://hl7.org/fhir/smart-app-launch/backend-services.html#registering-a-client-communicating-public-keys):
 * an ECDSA P-384 key (ES384, one of the two algorithms the spec requires servers to accept),
 * made when the vault is created or, for an older vault, the first time it opens. The private
 * key lives only in the encrypted database's settings; the public key leaves as a JWKS for the
 * clinic to register (`npm run kiosk -- push-key`). A rotation makes a new key with a new `kid`;
 * the old one stops working once the clinic removes it from the registration.
 */
import { generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import type { JSONWebKeySet, JWK } from 'jose';

/** Where the key is kept (settings, inside SQLCipher). */
const PUSH_KEY_SETTING = 'push.key';

export const PUSH_KEY_ALG = 'ES384';

export interface PushKey {
  kid: string;
  /** The private JWK (EC P-384, with `d`). */
  privateJwk: JWK;
}

interface KeyStore {
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
}

/** The stored key, made and stored first if there is none. */
export function ensurePushKey(store: KeyStore): PushKey {
  const stored = store.getSetting(PUSH_KEY_SETTING);
  if (stored !== undefined) {
    return parsePushKey(stored);
  }
  const key = newPushKey();
  store.setSetting(PUSH_KEY_SETTING, JSON.stringify(key));
  return key;
}

/** Replaces the key with a new one (a new `kid`); returns the old and new kids. */
export function rotatePushKey(store: KeyStore): { oldKid: string; newKid: string } {
  const old = ensurePushKey(store);
  const key = newPushKey();
  store.setSetting(PUSH_KEY_SETTING, JSON.stringify(key));
  return { oldKid: old.kid, newKid: key.kid };
}

/** The public half as a JWKS, for the server's client registration. */
export function pushJwks(key: PushKey): JSONWebKeySet {
  const { kty, crv, x, y } = key.privateJwk;
  if (kty === undefined) {
    throw new TypeError('pushJwks: the stored key has no kty');
  }
  return {
    keys: [
      {
        kty,
        ...(crv === undefined ? {} : { crv }),
        ...(x === undefined ? {} : { x }),
        ...(y === undefined ? {} : { y }),
        kid: key.kid,
        alg: PUSH_KEY_ALG,
        use: 'sig',
        key_ops: ['verify'],
      },
    ],
  };
}

function newPushKey(): PushKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const jwk: JsonWebKey = privateKey.export({ format: 'jwk' });
  return { kid: randomUUID(), privateJwk: jwk };
}

function parsePushKey(text: string): PushKey {
  const parsed = JSON.parse(text) as Partial<PushKey>;
  if (typeof parsed.kid !== 'string' || typeof parsed.privateJwk?.d !== 'string') {
    throw new TypeError(`parsePushKey: the stored ${PUSH_KEY_SETTING} is not a private key`);
  }
  return { kid: parsed.kid, privateJwk: parsed.privateJwk };
}
