/**
 * Ken French's data-library CSV layout (e.g. F-F_Research_Data_5_Factors_2x3.csv, F-F_Momentum_Factor.csv):
 * a few lines of description, then sections, each a header row starting with a comma
 * (",Mkt-RF,SMB,HML,RMW,CMA,RF") followed by rows keyed YYYYMM (monthly) or YYYY (annual), values in
 * percent, -99.99 or -999 for missing; a title line (" Annual Factors: January-December ") before later
 * sections and a copyright line at the end. Values are returned as decimals.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UniverseInputError } from './errors.js';
import { checkFactorTable, type FactorTable } from './factors.js';

export interface FrenchAnnualTable {
  years: string[];
  columns: Record<string, Float64Array>;
}

export interface FrenchCsv {
  /** The description lines before the first section. */
  description: string[];
  monthly: FactorTable;
  annual?: FrenchAnnualTable;
}

interface Section {
  title: string;
  names: string[];
  keys: string[];
  rows: number[][];
}

const missingMarkers = new Set([-99.99, -999]);

/** Parses the text of a Ken French CSV; anything in another layout is refused with the reason. */
export function parseFrenchCsv(text: string, source = 'the factor file'): FrenchCsv {
  const lines = text.split(/\r?\n/);
  const description: string[] = [];
  const sections: Section[] = [];
  let title = '';
  let current: Section | undefined;
  const fail = (line: number, why: string): never => {
    throw new UniverseInputError('factors', `${source} line ${line}: ${why}`);
  };
  lines.forEach((raw, i) => {
    const cells = raw.split(',').map((c) => c.trim());
    const first = cells[0]!;
    if (
      cells.length > 1 &&
      first === '' &&
      cells.slice(1).every((c) => c !== '' && Number.isNaN(Number(c)))
    ) {
      current = { title, names: cells.slice(1), keys: [], rows: [] };
      sections.push(current);
      return;
    }
    if (/^\d+$/.test(first) && cells.length > 1) {
      if (!current) fail(i + 1, 'a data row before any header row (",Mkt-RF,SMB,...")');
      const section = current!;
      if (cells.length !== section.names.length + 1) {
        fail(i + 1, `${cells.length - 1} value(s), the header names ${section.names.length}`);
      }
      if (section.keys.length > 0 && section.keys[0]!.length !== first.length) {
        fail(i + 1, `date ${first} does not match the section's ${section.keys[0]} format`);
      }
      const values = cells.slice(1).map((c) => {
        const v = Number(c);
        if (c === '' || !Number.isFinite(v)) fail(i + 1, `${JSON.stringify(c)} is not a number`);
        return missingMarkers.has(v) ? Number.NaN : v / 100;
      });
      section.keys.push(first);
      section.rows.push(values);
      return;
    }
    if (raw.trim() !== '') {
      if (sections.length === 0) description.push(raw.trim());
      else title = raw.trim();
    }
  });

  const monthlySection = sections.find((s) => s.keys[0]?.length === 6);
  if (!monthlySection) {
    throw new UniverseInputError(
      'factors',
      `${source} is not in Ken French's layout: no section of monthly rows (YYYYMM) under a header row ` +
        `starting with a comma (",Mkt-RF,SMB,HML,...")`,
    );
  }
  const columnsOf = (section: Section) =>
    Object.fromEntries(
      section.names.map((name, j) => [name, Float64Array.from(section.rows, (row) => row[j]!)]),
    );
  const monthly = checkFactorTable({
    months: monthlySection.keys.map((k) => {
      const month = Number(k.slice(4));
      if (month < 1 || month > 12)
        throw new UniverseInputError('factors', `${source}: ${k} is not a YYYYMM month`);
      return `${k.slice(0, 4)}-${k.slice(4)}`;
    }),
    columns: columnsOf(monthlySection),
    source,
  });
  const annualSection = sections.find((s) => s.keys[0]?.length === 4);
  const annual = annualSection ? { years: annualSection.keys, columns: columnsOf(annualSection) } : undefined;
  return annual ? { description, monthly, annual } : { description, monthly };
}

/** Reads and parses a Ken French CSV from disk (named by its file name in messages and in `source`). */
export async function readFrenchCsvFile(path: string): Promise<FrenchCsv> {
  return parseFrenchCsv(await readFile(path, 'utf8'), basename(path));
}
