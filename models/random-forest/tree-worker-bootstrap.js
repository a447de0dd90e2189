// Worker threads do not reliably inherit the parent's TypeScript loader (vitest starts none, `node --import
// tsx` passes its flag on only by default), so the thread starts from this plain module: it registers tsx's
// loader inside the thread and then loads the TypeScript worker. Checked under node --import tsx, tsx and vitest.
import { register } from 'tsx/esm/api';

register();
await import('./tree-worker.ts');
