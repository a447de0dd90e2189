/**
 * One GET to a data service, returning whatever it answered: the status, the headers and the body parsed
 * as JSON when it is JSON. Services put their error details in the body of 4xx answers (Twelve Data's
 * `{"code","message","status":"error"}`, Binance's `{"code","msg"}`, FRED's `error_message`), so the status
 * alone is not thrown here: each client reads the body first. A service that does not answer at all is a
 * `SourceUnavailableError`.
 */
import { SourceUnavailableError } from './source-errors.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The body as JSON, or `undefined` when it is not JSON (then `text` says what it was). */
  json: unknown;
  text: string;
}

/** The URL without secrets, for messages: query parameters named like keys are masked. */
export function redactedUrl(url: URL): string {
  const copy = new URL(url);
  for (const name of [...copy.searchParams.keys()]) {
    if (/key|token|secret/i.test(name)) copy.searchParams.set(name, '***');
  }
  return `${copy.origin}${copy.pathname}${copy.search}`;
}

export async function getAnswer(service: string, url: URL, timeoutMs = 30_000): Promise<HttpAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new SourceUnavailableError(service, `${service} at ${url.origin} did not answer: ${why}`);
  }
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** The first characters of a body that was not what the service documents, for an error message. */
export const excerpt = (text: string) =>
  JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}...` : text);
