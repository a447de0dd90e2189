// Every workflow the pipeline worker runs (its bundle is built from this file): a domain adds one line.
export * from './drift-monitor.js';
export * from './market-refresh.js';
export * from './store-probe.js';
export * from './training-pipeline.js';
