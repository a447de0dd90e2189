/**
 * FRED series (fred/series/observations, file_type=json, https://fred.stlouisfed.org/docs/api/fred/series_observations.html):
 * `{"observations": [{"date","value"}, ...]}`, missing observations as "." (skipped; the feature stage
 * carries the last known value forward). Errors come as `{"error_code": 400, "error_message": "Bad Request.
 * The series does not exist."}` with that HTTP status (https://fred.stlouisfed.org/docs/api/fred/errors.html);
 * a key allows 120 requests a minute, past which FRED answers 429.
 */
import { featureCatalogue, isMacroFeature } from '../feature-catalogue.js';
import type { CallBudget } from './call-budget.js';
import { excerpt, getAnswer } from './http-answer.js';
import { MissingApiKeyError } from './http-json.js';
import {
  SourceAnswerError,
  SourceRateLimitedError,
  SourceRefusedError,
  SourceUnavailableError,
} from './source-errors.js';

const fred = 'FRED';

/** A key's documented limit, for a `CallBudget` in front of `fetchFredSeries`. */
export const fredLimits = { perMinute: 120 } as const;

export interface FredObservation {
  date: string;
  value: number;
}

/** Feature name -> FRED series id, from the catalogue's macro entries. */
export const macroSeries: Readonly<Record<string, string>> = Object.fromEntries(
  featureCatalogue.filter(isMacroFeature).map((e) => [e.name, e.fredSeries]),
);

export interface MacroObservations {
  /** Per macro feature the source provides, observations sorted by date. */
  series: Record<string, FredObservation[]>;
  /** Where the series come from, for the run's record (e.g. "FRED", "arch 8.0.0 package data"). */
  source?: string;
}

export async function fetchFredMacro(options: {
  apiKey?: string;
  baseUrl: string;
  from?: string;
  to?: string;
}): Promise<MacroObservations> {
  const byId = await fetchFredSeries({ ...options, seriesIds: Object.values(macroSeries) });
  const series = Object.fromEntries(Object.entries(macroSeries).map(([feature, id]) => [feature, byId[id]!]));
  return { series };
}

/** Observations of each series, ascending by date, requested one series at a time. */
export async function fetchFredSeries(options: {
  seriesIds: readonly string[];
  apiKey?: string;
  baseUrl: string;
  from?: string;
  to?: string;
  budget?: CallBudget;
  timeoutMs?: number;
}): Promise<Record<string, FredObservation[]>> {
  if (!options.apiKey) throw new MissingApiKeyError(fred, 'FRED_API_KEY');
  const out: Record<string, FredObservation[]> = {};
  for (const id of options.seriesIds) {
    const url = new URL(options.baseUrl);
    url.searchParams.set('series_id', id);
    url.searchParams.set('api_key', options.apiKey);
    url.searchParams.set('file_type', 'json');
    if (options.from) url.searchParams.set('observation_start', options.from);
    if (options.to) url.searchParams.set('observation_end', options.to);
    await options.budget?.take();
    const answer = await getAnswer(fred, url, options.timeoutMs);
    const body = answer.json as
      { observations?: unknown; error_message?: unknown; error_code?: unknown } | undefined;
    if (typeof body?.error_message === 'string' || answer.status >= 400) {
      const message =
        typeof body?.error_message === 'string'
          ? body.error_message
          : `HTTP ${answer.status} ${excerpt(answer.text)}`;
      const code = typeof body?.error_code === 'number' ? body.error_code : answer.status;
      const quoted = `${fred} refused ${id}: ${message}`;
      if (code === 429)
        throw new SourceRateLimitedError(fred, `${quoted} (FRED allows 120 requests a minute)`);
      if (code >= 500) throw new SourceUnavailableError(fred, quoted);
      throw new SourceRefusedError(
        fred,
        /api_key/.test(message) ? `${quoted} (check FRED_API_KEY)` : quoted,
        code,
      );
    }
    if (!Array.isArray(body?.observations))
      throw new SourceAnswerError(
        fred,
        `${fred} answered for ${id} without "observations": ${excerpt(answer.text)}`,
      );
    out[id] = (body.observations as { date?: unknown; value?: unknown }[])
      .filter((o) => typeof o?.date === 'string' && o.value !== '.' && Number.isFinite(Number(o.value)))
      .map((o) => ({ date: o.date as string, value: Number(o.value) }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }
  return out;
}
