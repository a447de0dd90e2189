/**
 * Promise.all for activities that only make sense together: when one fails, the others are cancelled and
 * awaited before the failure is rethrown, so none keeps working (and writing) for a run that has failed.
 * Awaiting them relies on their profile's `WAIT_CANCELLATION_COMPLETED`: each settles only once its
 * activity has stopped. Workflow-safe: no I/O.
 */
import { CancellationScope } from '@temporalio/workflow';

export async function allOrCancel<T extends readonly unknown[]>(starts: {
  readonly [K in keyof T]: () => Promise<T[K]>;
}): Promise<T> {
  const scope = new CancellationScope();
  let running: Promise<unknown>[] = [];
  try {
    return await scope.run(() => {
      running = (starts as readonly (() => Promise<unknown>)[]).map((start) => start());
      return Promise.all(running) as Promise<unknown> as Promise<T>;
    });
  } catch (err) {
    scope.cancel();
    await Promise.allSettled(running);
    throw err;
  }
}
