// Entry of every worker thread: on Node 20 a worker does not inherit the tsx loader of its parent, so it
// registers tsx itself and then imports the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
