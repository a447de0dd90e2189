/**
 * Which errors mean "this input can never work", as one table for every stage: those become non-retryable
 * `ApplicationFailure`s with a stable type and the error's own message, so a run with bad data fails once,
 * at once, saying what is wrong. Everything else (a store or service that did not answer, a crash) is
 * rethrown as it is and retried by the activity's profile.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { DatasetError } from '../lib/dataset-error.js';
import { AppError } from '../lib/errors.js';
import { FeatureValueError } from '../lib/relative-features.js';
import { MissingApiKeyError } from '../lib/sources/http-json.js';
import { ArtifactError } from '../models/artifact-envelope.js';
import { ModelInputError } from '../models/engine.js';

/** Failure types, in the order they are matched (subclasses before their parents). */
const badInput: [new (...args: never[]) => Error, string][] = [
  [DatasetError, 'InvalidDataset'],
  [MissingApiKeyError, 'MissingApiKey'],
  [FeatureValueError, 'InvalidFeatureValue'],
  [ArtifactError, 'InvalidArtifact'],
  [ModelInputError, 'InvalidModelInput'],
];

/** `OBJECT_NOT_FOUND` -> `ObjectNotFound`: the catalogue's code in the spelling of the other failure types. */
const pascal = (code: string) =>
  code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** The non-retryable failure `err` stands for, or `err` itself when retrying may help. */
export function asFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  for (const [kind, type] of badInput) {
    if (err instanceof kind) return ApplicationFailure.nonRetryable(err.message, type);
  }
  if (err instanceof AppError && !err.retryable) {
    return ApplicationFailure.nonRetryable(err.message, pascal(err.code), err.details);
  }
  return err;
}

/** Wraps an activity so that its bad-input errors fail it for good (see `asFailure`). */
export function failingFastOnBadInput<I, O>(activity: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return async (input) => {
    try {
      return await activity(input);
    } catch (err) {
      throw asFailure(err);
    }
  };
}
