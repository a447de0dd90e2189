/**
 * How often a long activity heartbeats, and how long Temporal waits for a heartbeat before it declares the
 * attempt dead (its worker crashed or lost the network) and retries it on another worker. Pure: the
 * activity profiles (workflow code) and the activities read the same numbers.
 */

/** Training heartbeats on a timer, from a thread the training itself never blocks (it runs on worker threads). */
export const heartbeatIntervalMs = 1000;

/**
 * Ten missed intervals: a worker that is only slow (a loaded machine, a long garbage collection) is not
 * mistaken for a dead one, and a dead one is found within seconds, not minutes.
 */
export const heartbeatTimeoutMs = 10 * heartbeatIntervalMs;

/**
 * The SDK sends heartbeats to the server at most this often (by default it waits up to 80 % of the timeout),
 * so the server hears from a live attempt several times within each timeout.
 */
export const heartbeatThrottleMs = 2 * heartbeatIntervalMs;
