/**
 * HTTP to the clinic's FHIR server and its token endpoint: undici's fetch over one keep-alive
 * `Agent`, every request with a time limit. TLS trusts Node's CA store and, when kiosk.json
 * names a `caFile`, that CA as well (undici's `connect.ca` replaces the default list, so the
 * defaults are passed with it: https://nodejs.org/api/tls.html#tlsrootcertificates).
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, fetch } from 'undici';

export interface HttpAnswer {
  status: number;
  /** The body as text (JSON for both endpoints). */
  text: string;
}

export interface PushHttp {
  post(url: string, body: string, headers: Record<string, string>): Promise<HttpAnswer>;
  close(): Promise<void>;
}

/** Why no answer came: the request outran its limit, or never reached the server. */
export class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
  constructor(
    readonly reason: 'timeout' | 'unreachable',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function createPushHttp(options: { timeoutMs: number; caFile?: string }): PushHttp {
  const ca =
    options.caFile === undefined
      ? undefined
      : [...rootCertificates, readFileSync(options.caFile, 'utf8')];
  const agent = new Agent({
    connect: { ...(ca === undefined ? {} : { ca }), timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  return {
    async post(url, body, headers) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          body,
          headers,
          dispatcher: agent,
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        return { status: response.status, text: await response.text() };
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
        const timedOut =
          (error instanceof Error && error.name === 'TimeoutError') || /timeout/i.test(why);
        throw new NoAnswerError(
          timedOut ? 'timeout' : 'unreachable',
          `push: no answer from ${new URL(url).origin}: ${why}`,
          { cause: error },
        );
      }
    },
    close: () => agent.close(),
  };
}
