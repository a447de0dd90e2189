export * from './drift-monitor.js';
export * from './market-refresh.js';
export * from './store-probe.js';
export * from './training-pipeline.js';
