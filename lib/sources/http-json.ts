/** GET a JSON document with a timeout; errors say which service and what to check. */
export async function getJson(service: string, url: URL, timeoutMs = 30_000): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new Error(
      `${service} at ${url.origin} did not answer: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!res.ok) throw new Error(`${service} answered HTTP ${res.status} for ${url.pathname}`);
  try {
    return await res.json();
  } catch {
    throw new Error(`${service} answered with a body that is not JSON`);
  }
}

/** A missing API key is the user's to fix: say which variable. */
export class MissingApiKeyError extends Error {
  override name = 'MissingApiKeyError';
  constructor(service: string, variable: string) {
    super(`${service} needs an API key: set ${variable} (free keys are issued on the service's website)`);
  }
}
