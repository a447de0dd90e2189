/**
 * The values the serving side and the monitoring loop fall back on, written once: the configuration's
 * defaults (lib/config.ts, lib/config-monitoring.ts) and the workflows' defaults for inputs left out (a run
 * started by hand from the Temporal UI) are these. Pure values: workflow code imports them.
 */

/** The registered model the pipeline trains and the API serves. */
export const defaultModelName = 'cashflow-forecaster';

/** The alias that marks the champion: what the API serves, the gate compares with and a deployment moves. */
export const defaultChampionAlias = 'production';

export const monitoringDefaults = {
  modelName: defaultModelName,
  alias: defaultChampionAlias,
  driftWindowHours: 24,
  threshold: 0.25,
  minSamples: 50,
  cooldownHours: 24,
  accuracyDropThreshold: 0.1,
  realisedWindowHours: 24 * 30,
} as const;
