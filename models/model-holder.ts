/**
 * Holds the Predictor the API serves and keeps it in step with an alias of the registry. The alias's
 * revision (its object's ETag) is polled; when it changes, the new version is read, verified, loaded and
 * tried, and only then swapped in with one assignment. Requests take the current Predictor once and finish on it. Any failure
 * leaves the serving model in place: a broken version is refused, an unreachable store is waited out.
 */
import { AppError } from '../lib/errors.js';
import { withTimeout, type ObjectStore } from '../lib/object-store.js';
import type { ArtifactLoaders } from './loaders.js';
import { loadPredictor, type PositionSizing, type Predictor } from './predictor.js';
import type { ModelRegistry } from './registry/types.js';

export type ReloadResult = 'success' | 'failure';

export interface ModelHolderOptions {
  registry: ModelRegistry;
  store: Pick<ObjectStore, 'ping'>;
  name: string;
  alias: string;
  pollMs: number;
  loaders: ArtifactLoaders;
  sizing: PositionSizing;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  onReload?: (result: ReloadResult, predictor?: Predictor) => void;
}

export interface ModelHolderStatus {
  model?: { name: string; version: string; loadedAt: string };
  /** Why no model is served, when none is. */
  reason?: string;
  storeReachable: boolean;
  storeError?: string;
  /** The last version that failed to load, and why (the serving model, if any, stayed in place). */
  lastFailure?: { version: string; error: string; at: string };
}

/** How long one look at the alias may take before the store counts as unreachable. */
const aliasCheckTimeoutMs = 5000;

export class ModelHolder {
  private model: Predictor | undefined;
  private seenEtag: string | undefined;
  private reason = 'the model has not been looked up yet';
  private storeError: string | undefined;
  private lastFailure: ModelHolderStatus['lastFailure'];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: ModelHolderOptions) {}

  current(): Predictor | undefined {
    return this.model;
  }

  status(): ModelHolderStatus {
    const m = this.model;
    return {
      ...(m ? { model: { name: m.name, version: m.version, loadedAt: m.loadedAt.toISOString() } } : {}),
      ...(m ? {} : { reason: this.reason }),
      storeReachable: this.storeError === undefined,
      ...(this.storeError ? { storeError: this.storeError } : {}),
      ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}),
    };
  }

  /** First look (never throws: the API starts without a model and says why), then polling. */
  async start(): Promise<void> {
    await this.check();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Pings the store (for /ready) and records the answer. */
  async probeStore(timeoutMs: number): Promise<boolean> {
    try {
      await this.options.store.ping(timeoutMs);
      this.storeError = undefined;
    } catch (err) {
      this.storeError = err instanceof Error ? err.message : String(err);
    }
    return this.storeError === undefined;
  }

  /** One look at the alias; resolves when any resulting swap is done. Overlapping calls share one look. */
  check(): Promise<void> {
    this.running ??= this.look().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.check().then(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async look(): Promise<void> {
    const { registry, name, alias, log } = this.options;
    const where = `alias ${alias} of model ${name}`;
    let etag: string | undefined;
    let version: string | undefined;
    try {
      const revision = await withTimeout(
        registry.aliasRevision(name, alias),
        aliasCheckTimeoutMs,
        'object store',
      );
      this.storeError = undefined;
      if (revision === undefined) {
        this.reason = `the registry has no ${where}`;
        return;
      }
      if (revision === this.seenEtag) return;
      etag = revision;
      const record = await withTimeout(registry.getAlias(name, alias), aliasCheckTimeoutMs, 'object store');
      if (!record) return;
      version = record.version;
      if (version === this.model?.version) {
        this.seenEtag = etag;
        return;
      }
      const manifest = await registry.getManifest(name, version);
      const next = await loadPredictor(registry, manifest, this.options.loaders, this.options.sizing);
      const previous = this.model?.version;
      this.model = next; // the swap: requests that already hold the old Predictor finish on it
      this.seenEtag = etag;
      this.lastFailure = undefined;
      log.info({ model: name, version, previous }, 'model loaded');
      this.options.onReload?.('success', next);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof AppError)) {
        // Not a verdict on the version but a store we cannot reach: keep serving, look again next time.
        this.storeError = message;
        this.reason = `the object store is unreachable (${message})`;
        log.warn({ model: name, err: message }, 'model check failed: object store unreachable');
        return;
      }
      // The version is broken (checksum, missing artifact, unloadable): refuse it until the alias moves.
      this.seenEtag = etag;
      this.lastFailure = { version: version ?? 'unknown', error: message, at: new Date().toISOString() };
      this.reason = `${where} points at ${version ?? 'a version'} that failed to load: ${message}`;
      log.warn({ model: name, version, code: err.code, err: message }, 'model version refused');
      this.options.onReload?.('failure');
    }
  }
}
