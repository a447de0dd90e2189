/**
 * A problem with the data as a whole (not a file, not a text CSV, missing columns, too little history, ...):
 * the dataset is refused and nothing is written. Activities turn it into a non-retryable `InvalidDataset`
 * failure, because running the same input again cannot succeed.
 */
export class DatasetError extends Error {
  override name = 'DatasetError';
}
