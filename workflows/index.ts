export * from './store-probe.js';
export * from './training-pipeline.js';
