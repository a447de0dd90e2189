/**
 * Macro series from package data, offline: arch's daily VIX (2014-01-03..2019-01-03). arch ships no
 * 10-year Treasury yield or dollar index, so those fields stay FRED-only and a run on this source has
 * `vix` as its one macro input; nothing is filled in for the others.
 */
import { gunzipSync } from 'node:zlib';
import { packageData, readPackageData } from '../package-data.js';
import type { MacroObservations } from './fred.js';

/** The package-data macro sources (pipeline input `macro`), with the catalogue fields each provides. */
export const packageMacroSources = {
  arch: { provides: ['vix'], member: 'arch/data/vix/vix.csv.gz', column: 'vix' },
} as const;
export type PackageMacroSource = keyof typeof packageMacroSources;

/** `M/D/YYYY` (most of the files' dates) to `YYYY-MM-DD`; ISO dates pass as they are. */
function isoDate(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const [m, d, y] = text.split('/');
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

/** Reads `Date,<column>` CSV text; rows without a number are skipped (as FRED's "." is). */
export function parseDatedSeries(csv: string, column: string): { date: string; value: number }[] {
  const [header, ...lines] = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const names = header!.split(',').map((h) => h.trim());
  const at = names.indexOf(column);
  if (names[0] !== 'Date' || at < 0) throw new Error(`expected columns Date,...,${column}, found ${header}`);
  return lines
    .map((line) => line.split(','))
    .filter(
      (cells) => cells[at] !== undefined && cells[at]!.trim() !== '' && Number.isFinite(Number(cells[at])),
    )
    .map((cells) => ({ date: isoDate(cells[0]!.trim()), value: Number(cells[at]) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export async function loadPackageMacro(root: string, source: PackageMacroSource): Promise<MacroObservations> {
  const spec = packageMacroSources[source];
  const declaration = packageData[source];
  const csv = gunzipSync(await readPackageData(root, declaration, spec.member)).toString('utf8');
  const series = Object.fromEntries(
    spec.provides.map((field) => [field, parseDatedSeries(csv, spec.column)]),
  );
  return { series, source: `${declaration.package} ${declaration.version} ${spec.member}` };
}
