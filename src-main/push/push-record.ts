/**
 * One record to the clinic's FHIR server, as one transaction Bundle (export/fhir-writer.ts),
 * and what the answer means for it:
 * - 2xx with a transaction-response Bundle whose every entry answers 2xx: pushed; any other
 *   2xx (an HTML page from a proxy, a half answer): `retry` with reason `unexpected answer`;
 * - no answer (unreachable, timeout, TLS), 5xx, 429: `retry`, worth trying again later;
 * - 401 from the FHIR server: the token is dropped and one fresh token tried; a second 401, or a
 *   token endpoint that refuses the kiosk's assertion: `retry` with reason `unauthorized` (a
 *   key the clinic has not registered yet, or revoked: fixable without changing the record);
 *   a token endpoint answering 5xx or 429 is `server error`, not a refusal;
 * - any other 4xx: `rejected`, with the server's OperationOutcome as the (sealed) detail; the
 *   server would refuse the same Bundle again, so it is never retried by itself.
 */
import { randomUUID } from 'node:crypto';
import type { ClinicInfo, RecordDocument } from '../contract';
import { transactionBundle } from '../export/fhir-writer';
import type { FhirPushConfig } from '../kiosk-config';
import type { PushOutcome } from '../vault';
import { createPushHttp, NoAnswerError, type HttpAnswer, type PushHttp } from './fhir-http';
import type { PushKey } from './push-key';
import { createTokenSource, TokenRefusedError } from './smart-token';

export interface RecordPusher {
  /** The FHIR base URL, as recorded and audited. */
  readonly server: string;
  /** Sends one record; never throws: the outcome says what happened. */
  push(record: RecordDocument, pdf: Buffer): Promise<PushOutcome>;
  close(): Promise<void>;
}

export interface RecordPusherDeps {
  config: FhirPushConfig;
  clinic: ClinicInfo;
  key: () => PushKey;
  now: () => Date;
  /** The HTTP client; made from `config` unless given. */
  http?: PushHttp;
}

export function createRecordPusher(deps: RecordPusherDeps): RecordPusher {
  const { config } = deps;
  const http =
    deps.http ??
    createPushHttp({
      timeoutMs: config.timeoutSeconds * 1000,
      ...(config.caFile === undefined ? {} : { caFile: config.caFile }),
    });
  const tokens = createTokenSource({ config, http, key: deps.key, now: deps.now });
  const endpoint = config.baseUrl.replace(/\/+$/, '');

  async function send(body: string): Promise<HttpAnswer> {
    return http.post(endpoint, body, {
      authorization: `Bearer ${await tokens.token()}`,
      'content-type': 'application/fhir+json',
      accept: 'application/fhir+json',
    });
  }

  return {
    server: endpoint,
    async push(record, pdf) {
      const bundle = transactionBundle(
        { bundleId: randomUUID(), timestamp: deps.now().toISOString(), clinic: deps.clinic },
        record,
        pdf,
      );
      const body = JSON.stringify(bundle);
      try {
        let answer = await send(body);
        if (answer.status === 401) {
          // The server may have restarted or revoked it before its time: one fresh token.
          tokens.drop();
          answer = await send(body);
        }
        return outcomeOf(answer);
      } catch (error) {
        if (error instanceof TokenRefusedError) {
          const { httpStatus } = error;
          return {
            state: 'retry',
            httpStatus,
            reason: httpStatus >= 500 || httpStatus === 429 ? 'server error' : 'unauthorized',
            detail: error.detail,
          };
        }
        if (error instanceof NoAnswerError) {
          return { state: 'retry', httpStatus: null, reason: error.reason };
        }
        throw error;
      }
    },
    close: () => http.close(),
  };
}

function outcomeOf(answer: HttpAnswer): PushOutcome {
  const { status } = answer;
  if (isSuccess(status)) {
    return isTransactionResponse(answer.text)
      ? { state: 'pushed' }
      : {
          state: 'retry',
          httpStatus: status,
          reason: 'unexpected answer',
          detail: outcomeText(answer.text),
        };
  }
  const detail = outcomeText(answer.text);
  if (status === 401) {
    return { state: 'retry', httpStatus: status, reason: 'unauthorized', detail };
  }
  if (status === 429) {
    return { state: 'retry', httpStatus: status, reason: 'rate limited', detail };
  }
  if (status >= 500) {
    return { state: 'retry', httpStatus: status, reason: 'server error', detail };
  }
  return { state: 'rejected', httpStatus: status, reason: 'refused by the server', detail };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

/**
 * Whether the body is what a carried-out transaction answers
 * (https://hl7.org/fhir/R4/http.html#transaction-response): a `transaction-response` Bundle,
 * each entry's `response.status` starting with a 2xx code.
 */
function isTransactionResponse(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  const bundle = parsed as {
    resourceType?: unknown;
    type?: unknown;
    entry?: { response?: { status?: unknown } }[];
  } | null;
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'transaction-response') {
    return false;
  }
  const entries = bundle.entry ?? [];
  return (
    Array.isArray(entries) &&
    entries.every((entry) => {
      const status = entry.response?.status;
      return typeof status === 'string' && isSuccess(Number.parseInt(status, 10));
    })
  );
}

/**
 * The server's words: an OperationOutcome's issues (`details.text`, `diagnostics`, the
 * `expression` they point at), one a line; any other body as it came, cut at 4,000 characters.
 * They may echo the record, which is why the repository seals them.
 */
export function outcomeText(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.slice(0, 4000);
  }
  const outcome = parsed as {
    resourceType?: unknown;
    issue?: {
      severity?: string;
      code?: string;
      details?: { text?: string };
      diagnostics?: string;
      expression?: string[];
    }[];
  };
  if (outcome.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) {
    return text.slice(0, 4000);
  }
  return outcome.issue
    .map((issue) =>
      [
        `${issue.severity ?? 'error'} ${issue.code ?? ''}`.trim() + ':',
        issue.details?.text ?? issue.diagnostics ?? '',
        issue.expression?.length ? `(${issue.expression.join(', ')})` : '',
      ]
        .filter((part) => part !== '')
        .join(' '),
    )
    .join('\n')
    .slice(0, 4000);
}
