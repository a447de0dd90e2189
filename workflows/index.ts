export * from './store-probe.js';
