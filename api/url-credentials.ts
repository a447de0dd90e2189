/**
 * Credentials in a URL's query string (`?access_token=...`, `?api_key=...`). URLs are written to access
 * logs, proxies and browser history, so the API refuses them (the client is told to use the header) and
 * every URL it logs has their values replaced.
 */

/** Normalised names (lower case, letters and digits only) that are credentials wherever they appear. */
const credentialParts = [
  'token',
  'apikey',
  'password',
  'passwd',
  'secret',
  'authorization',
  'credential',
  'jwt',
  'bearer',
  'signature',
  'sessionid',
];
/** Short names that are credentials only on their own (`key=` yes, `monkey=` no). */
const credentialNames = new Set(['key', 'auth', 'pwd', 'pass', 'sig', 'session']);

export const redactedValue = '[redacted]';

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function isCredentialName(name: string): boolean {
  const normalised = decode(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return credentialNames.has(normalised) || credentialParts.some((part) => normalised.includes(part));
}

interface QueryPart {
  name: string;
  hasValue: boolean;
}

function queryParts(url: string): { path: string; parts: QueryPart[]; raw: string[] } | undefined {
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  const raw = url.slice(at + 1).split(/[&;]/);
  const parts = raw.map((pair) => {
    const eq = pair.indexOf('=');
    return { name: eq < 0 ? pair : pair.slice(0, eq), hasValue: eq >= 0 };
  });
  return { path: url.slice(0, at), parts, raw };
}

/** The decoded names of the credentials in the URL's query string, each once. */
export function credentialsInQuery(url: string): string[] {
  const query = queryParts(url);
  if (!query) return [];
  const names = query.parts
    .filter((p) => p.name !== '' && isCredentialName(p.name))
    .map((p) => decode(p.name));
  return [...new Set(names)];
}

/** The URL with the value of every credential in its query string replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const query = queryParts(url);
  if (!query) return url;
  const pairs = query.raw.map((pair, i) => {
    const part = query.parts[i] as QueryPart;
    return part.hasValue && isCredentialName(part.name) ? `${part.name}=${redactedValue}` : pair;
  });
  return `${query.path}?${pairs.join('&')}`;
}
