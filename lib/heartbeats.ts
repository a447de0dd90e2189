/**
 * How often a long activity heartbeats, and how long Temporal waits for a heartbeat before it declares the
 * attempt dead (its worker crashed or lost the network) and retries it on another worker. Pure: the
 * activity profiles (workflow code) and the activities read the same numbers.
 */

/**
 * Training heartbeats on a timer (activities/run-context.ts, withHeartbeats), from a thread the training
 * itself never blocks (it runs on worker threads); workers deliver each heartbeat within this interval too.
 */
export const heartbeatIntervalMs = 1000;

/**
 * Ten missed intervals: a worker that is only slow (a loaded machine, a long garbage collection) is not
 * mistaken for a dead one, and a dead one is found within seconds, not minutes.
 */
export const heartbeatTimeoutMs = 10 * heartbeatIntervalMs;
