// Worker threads do not reliably inherit the parent's TypeScript loader (vitest starts none, `node --import
// tsx` passes its flag on only by default), so a thread starts from this plain module: it registers tsx's
// loader inside the thread, then imports the TypeScript entry named by the first worker argv (a file URL).
// Checked under node --import tsx, the tsx CLI and vitest.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const entry = process.argv[2];
if (entry === undefined) throw new Error('worker-bootstrap.js needs the URL of the worker module as argv[2]');
await import(entry);
