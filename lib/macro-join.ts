/**
 * Aligns FRED macro series to market rows by date with danfojs DataFrames: the market calendar is
 * left-joined with each series on the date, then the last known value is carried forward, so a row at t
 * only sees observations dated t or earlier. Rows before a series' first observation get NaN (and are
 * dropped by the feature stage).
 */
import { DatasetError } from './dataset-error.js';
import type { AlignedMacro } from './features.js';
import type { MacroObservations } from './sources/fred.js';
import { macroFeatures } from './features.js';

export async function alignMacro(rowDates: string[], macro: MacroObservations): Promise<AlignedMacro> {
  // danfojs-node pulls in TensorFlow.js: load it only when a macro source is used.
  const dfd = await import('danfojs-node');
  const calendar = [...new Set(rowDates)].sort();
  let frame = new dfd.DataFrame({ date: calendar });
  for (const feature of macroFeatures) {
    const observations = macro.series[feature];
    if (observations.length === 0) throw new DatasetError(`macro series ${feature} has no observations`);
    const series = new dfd.DataFrame({
      date: observations.map((o) => o.date),
      [feature]: observations.map((o) => o.value),
    });
    frame = dfd.merge({ left: frame, right: series, on: ['date'], how: 'left' });
  }
  frame = frame.sortValues('date');
  const dates = frame['date'].values as string[];
  const byDate = new Map<string, number>(dates.map((d, i) => [d, i]));
  const aligned = {} as AlignedMacro;
  for (const feature of macroFeatures) {
    const values = (frame[feature].values as (number | null | undefined)[]).map((v) =>
      typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN,
    );
    // Observations dated on non-trading days (none in the calendar) still count for the next trading day.
    const observations = macro.series[feature];
    let next = 0;
    let last = Number.NaN;
    const filled = new Float64Array(dates.length);
    for (let i = 0; i < dates.length; i++) {
      while (next < observations.length && observations[next]!.date <= dates[i]!)
        last = observations[next++]!.value;
      filled[i] = Number.isFinite(values[i]!) ? values[i]! : last;
    }
    aligned[feature] = Float64Array.from(rowDates, (d) => filled[byDate.get(d)!]!);
  }
  return aligned;
}
