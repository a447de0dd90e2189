/**
 * Monthly factor returns (decimals, not percent) keyed by 'YYYY-MM', whatever file they came from, and the
 * choice of the factor set the betas are estimated against: the 5 Fama-French factors when the table has
 * them, else 3 factors + momentum, else the 3 factors. The chosen set is named so a response can say which.
 */
import { UniverseInputError } from './errors.js';

export interface FactorTable {
  /** 'YYYY-MM', ascending, no duplicates. */
  months: string[];
  /** Column name (Ken French's spelling: Mkt-RF, SMB, HML, RMW, CMA, Mom, RF) → monthly decimals. */
  columns: Record<string, Float64Array>;
  /** Where the table came from, for reports ("F-F_Research_Data_5_Factors_2x3.csv", "arch frenchdata"). */
  source: string;
}

export const factorSets = {
  ff5: ['Mkt-RF', 'SMB', 'HML', 'RMW', 'CMA'],
  'ff3+mom': ['Mkt-RF', 'SMB', 'HML', 'Mom'],
  ff3: ['Mkt-RF', 'SMB', 'HML'],
} as const;
export type FactorSetName = keyof typeof factorSets;

export interface FactorSet {
  name: FactorSetName;
  factors: string[];
  table: FactorTable;
}

/** The richest set the table supports, or the one asked for (refused, naming the missing columns). */
export function chooseFactorSet(table: FactorTable, wanted?: FactorSetName): FactorSet {
  const has = (name: FactorSetName) => factorSets[name].every((f) => f in table.columns);
  if (wanted !== undefined) {
    const missing = factorSets[wanted].filter((f) => !(f in table.columns));
    if (missing.length > 0) {
      throw new UniverseInputError(
        'factorSet',
        `factor set ${wanted} needs ${missing.join(', ')}, which ${table.source} does not have ` +
          `(it has ${Object.keys(table.columns).join(', ')})`,
      );
    }
    return { name: wanted, factors: [...factorSets[wanted]], table };
  }
  const name = (['ff5', 'ff3+mom', 'ff3'] as const).find(has);
  if (!name) {
    throw new UniverseInputError(
      'factors',
      `${table.source} has none of the factor sets (${Object.values(factorSets)
        .map((s) => s.join('+'))
        .join('; ')}); its columns are ${Object.keys(table.columns).join(', ')}`,
    );
  }
  return { name, factors: [...factorSets[name]], table };
}

/** The table's columns on the given months (NaN where the table has no such month). */
export function alignFactors(
  table: FactorTable,
  months: readonly string[],
  names: readonly string[],
): Float64Array[] {
  const index = new Map(table.months.map((m, i) => [m, i]));
  return names.map((name) => {
    const column = table.columns[name];
    if (!column) throw new UniverseInputError('factors', `${table.source} has no column ${name}`);
    return Float64Array.from(months, (m) => {
      const i = index.get(m);
      return i === undefined ? Number.NaN : column[i]!;
    });
  });
}

/** Checks a parsed table: ascending unique months, columns of the right length. */
export function checkFactorTable(table: FactorTable): FactorTable {
  for (let i = 1; i < table.months.length; i++) {
    if (table.months[i]! <= table.months[i - 1]!) {
      throw new UniverseInputError(
        'factors',
        `${table.source}: months are not ascending and unique (${table.months[i - 1]} then ${table.months[i]})`,
      );
    }
  }
  for (const [name, column] of Object.entries(table.columns)) {
    if (column.length !== table.months.length) {
      throw new UniverseInputError(
        'factors',
        `${table.source}: column ${name} has ${column.length} values for ${table.months.length} months`,
      );
    }
  }
  if (table.months.length === 0)
    throw new UniverseInputError('factors', `${table.source} has no monthly rows`);
  return table;
}
