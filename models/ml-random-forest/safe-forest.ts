import { RandomForestClassifier, RandomForestRegression } from 'ml-random-forest';

export type Forest = RandomForestRegression | RandomForestClassifier;

/**
 * With few trees some rows are never out of bag, and the package then aggregates an empty list and throws.
 * These subclasses answer NaN for such rows instead; the out-of-bag score skips them.
 */
export class SafeRegression extends RandomForestRegression {
  override selection(values: number[]): number {
    return values.length === 0 ? NaN : super.selection(values);
  }
}

export class SafeClassifier extends RandomForestClassifier {
  override selection(values: number[]): number {
    return values.length === 0 ? NaN : super.selection(values);
  }
}
