/**
 * What derives from the feature catalogue: the columns a pipeline run computes, the example row, the
 * stored feature set's cache key and the README's feature table. Each takes the catalogue as a parameter
 * (the real one by default), so a test can show that one added entry reaches all of them.
 */
import { createHash } from 'node:crypto';
import * as indicators from './indicators.js';
import {
  featureCatalogue,
  isMacroFeature,
  type FeatureEntry,
  type FeatureSetName,
  type ValidRange,
} from './feature-catalogue.js';

/** The pipeline input `features`: the contract's fields, or those plus the extended set. */
export const featureChoices = ['contract', 'extended'] as const;
export type FeatureChoice = (typeof featureChoices)[number];

export function entryNamed(
  name: string,
  catalogue: readonly FeatureEntry[] = featureCatalogue,
): FeatureEntry | undefined {
  return catalogue.find((e) => e.name === name);
}

export function entriesIn(
  set: FeatureSetName,
  catalogue: readonly FeatureEntry[] = featureCatalogue,
): FeatureEntry[] {
  return catalogue.filter((e) => e.sets.includes(set));
}

/** The fields of the reference request: accepted by every served version, whether it uses them or not. */
export const contractFields: readonly string[] = entriesIn('contract').map((e) => e.name);

/**
 * A run's columns, in catalogue order: the contract's bar features, the macro fields its macro source
 * provides (none without one), and the extended set's when chosen.
 */
export function selectFeatures(
  choice: FeatureChoice,
  macroAvailable: readonly string[] = [],
  catalogue: readonly FeatureEntry[] = featureCatalogue,
): FeatureEntry[] {
  return catalogue.filter((e) => {
    if (isMacroFeature(e)) return macroAvailable.includes(e.name);
    return e.sets.includes('contract') || (choice === 'extended' && e.sets.includes('extended'));
  });
}

/** The documented example row of a set of entries. */
export function exampleRow(entries: readonly FeatureEntry[]): Record<string, number> {
  return Object.fromEntries(entries.map((e) => [e.name, e.example]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// The indicators' code is part of every key: a changed formula must not reuse a stored feature set.
const indicatorsSource = sha256(
  Object.entries(indicators)
    .map(([name, fn]) => `${name}:${String(fn)}`)
    .join('\n'),
);

/**
 * The cache key of a feature set computed from these entries: their declarations and the code that
 * computes them. Any change to an entry in use, or to an indicator, gives a new key; no version to bump.
 */
export function featureSetKey(entries: readonly FeatureEntry[]): string {
  const declared = entries.map((e) => ({
    name: e.name,
    sets: e.sets,
    view: e.view,
    range: e.range,
    computation: e.computation,
    code: isMacroFeature(e) ? `fred:${e.fredSeries}` : String(e.fromBars),
  }));
  return sha256(JSON.stringify({ declared, indicators: indicatorsSource }));
}

export function describeRange(range: ValidRange): string {
  const parts: string[] = [];
  if (range.exclusiveMinimum !== undefined) parts.push(`> ${range.exclusiveMinimum}`);
  if (range.minimum !== undefined) parts.push(`≥ ${range.minimum}`);
  if (range.maximum !== undefined) parts.push(`≤ ${range.maximum}`);
  return parts.length > 0 ? parts.join(', ') : 'any';
}

const viewLabels = {
  price: 'the scale (returns × price)',
  'relative-to-price': 'value / price − 1',
  'ratio-to-price': 'value / price',
  'as-is': 'as is',
  'not-an-input': 'not an input',
} as const;

export const featureTableHeader = ['field', 'sets', 'computation', 'models see', 'valid', 'description'];

/** The README's feature table, one row of cells per entry. */
export function featureTableRows(catalogue: readonly FeatureEntry[] = featureCatalogue): string[][] {
  return catalogue.map((e) => [
    `\`${e.name}\``,
    e.sets.join(', '),
    e.computation,
    viewLabels[e.view],
    describeRange(e.range),
    e.description,
  ]);
}

/** The table as Markdown (the README's copy is the same cells, aligned by Prettier). */
export function featureTableMarkdown(catalogue: readonly FeatureEntry[] = featureCatalogue): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(featureTableHeader),
    line(featureTableHeader.map(() => '---')),
    ...featureTableRows(catalogue).map(line),
  ].join('\n');
}

export interface VersionFields {
  /** The version's signature: a request must carry every one. */
  required: string[];
  /** The part of `required` its models read; the rest feed drift monitoring only. */
  used: string[];
  /** Everything a request may carry without a warning of an unknown name: the catalogue and `required`. */
  accepted: string[];
}

/** Which fields a version with this signature requires, uses and accepts. */
export function versionFields(
  signature: readonly string[],
  catalogue: readonly FeatureEntry[] = featureCatalogue,
): VersionFields {
  return {
    required: [...signature],
    used: signature.filter((name) => entryNamed(name, catalogue)?.view !== 'not-an-input'),
    accepted: [...new Set([...signature, ...catalogue.map((e) => e.name)])],
  };
}
