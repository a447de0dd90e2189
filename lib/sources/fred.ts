/**
 * FRED macro series (fred/series/observations, file_type=json). Missing observations come as "." and are
 * skipped; the feature stage carries the last known value forward.
 */
import { featureCatalogue, isMacroFeature } from '../feature-catalogue.js';
import { getJson, MissingApiKeyError } from './http-json.js';

/** Feature name -> FRED series id, from the catalogue's macro entries. */
export const macroSeries: Readonly<Record<string, string>> = Object.fromEntries(
  featureCatalogue.filter(isMacroFeature).map((e) => [e.name, e.fredSeries]),
);

export interface MacroObservations {
  /** Per macro feature the source provides, observations sorted by date. */
  series: Record<string, { date: string; value: number }[]>;
  /** Where the series come from, for the run's record (e.g. "FRED", "arch 8.0.0 package data"). */
  source?: string;
}

export async function fetchFredMacro(options: {
  apiKey?: string;
  baseUrl: string;
  from?: string;
  to?: string;
}): Promise<MacroObservations> {
  if (!options.apiKey) throw new MissingApiKeyError('FRED', 'FRED_API_KEY');
  const series: MacroObservations['series'] = {};
  for (const [feature, id] of Object.entries(macroSeries)) {
    const url = new URL(options.baseUrl);
    url.searchParams.set('series_id', id);
    url.searchParams.set('api_key', options.apiKey);
    url.searchParams.set('file_type', 'json');
    if (options.from) url.searchParams.set('observation_start', options.from);
    if (options.to) url.searchParams.set('observation_end', options.to);
    const body = (await getJson('FRED', url)) as {
      observations?: { date: string; value: string }[];
      error_message?: string;
    };
    if (body.error_message) throw new Error(`FRED refused ${id}: ${body.error_message}`);
    if (!Array.isArray(body.observations)) throw new Error(`FRED answered for ${id} without "observations"`);
    series[feature] = body.observations
      .filter((o) => o.value !== '.' && Number.isFinite(Number(o.value)))
      .map((o) => ({ date: o.date, value: Number(o.value) }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }
  return { series };
}
