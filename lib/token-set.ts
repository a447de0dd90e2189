/**
 * The bearer tokens the API accepts: from the environment and from a file that is re-read when it changes,
 * so tokens rotate without a restart. Only SHA-256 digests are kept; a presented token is hashed and
 * compared with every digest in constant time, so neither timing nor logs reveal a token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

export interface TokenSet {
  /** A short, stable id of the token (a digest prefix, safe to log and to key rate limits), or undefined. */
  verify(token: string): string | undefined;
  /** How many tokens are accepted now. */
  size(): number;
}

export interface TokenSetOptions {
  tokens: readonly string[];
  file?: string;
  /** How often, at most, the file's status is checked. */
  recheckMs?: number;
  now?: () => number;
  onReload?: (count: number) => void;
  onError?: (err: Error) => void;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

export function parseTokenFile(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function createTokenSet(options: TokenSetOptions): TokenSet {
  const { file, recheckMs = 1000, now = Date.now } = options;
  const fromEnv = options.tokens.map(digest);
  let fromFile: Buffer[] = [];
  let seen = '';
  let lastCheck = -Infinity;

  function reloadIfChanged(): void {
    if (!file) return;
    const t = now();
    if (t - lastCheck < recheckMs) return;
    lastCheck = t;
    try {
      const stat = statSync(file);
      const signature = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
      // File times tick coarsely (a few ms): within two seconds of a write, read again even if they match.
      if (signature === seen && Date.now() - stat.mtimeMs > 2000) return;
      fromFile = parseTokenFile(readFileSync(file, 'utf8')).map(digest);
      if (signature !== seen) options.onReload?.(fromFile.length);
      seen = signature;
    } catch (err) {
      // Keep the tokens last read: a file being replaced must not lock every client out.
      options.onError?.(err as Error);
    }
  }

  reloadIfChanged();
  return {
    verify(token) {
      reloadIfChanged();
      const presented = digest(token);
      let match = false;
      for (const known of fromEnv) match = timingSafeEqual(known, presented) || match;
      for (const known of fromFile) match = timingSafeEqual(known, presented) || match;
      return match ? presented.toString('hex').slice(0, 16) : undefined;
    },
    size: () => fromEnv.length + fromFile.length,
  };
}
