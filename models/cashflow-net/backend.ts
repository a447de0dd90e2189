/**
 * Loads TensorFlow.js on the best backend this machine has: the native `tensorflow` binding when the
 * optional @tensorflow/tfjs-node installed, else WebAssembly, else plain JavaScript. Which one ran is
 * recorded with every model, since speed (not results) differs between them.
 */
import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;

let loading: Promise<{ tf: Tf; backend: string }> | undefined;

async function load(): Promise<{ tf: Tf; backend: string }> {
  try {
    const moduleName = '@tensorflow/tfjs-node'; // optional dependency: absent where its native download is blocked
    const tf = (await import(moduleName)) as Tf;
    await tf.ready();
    return { tf, backend: tf.getBackend() };
  } catch {
    // fall through to the portable backends
  }
  const tf = await import('@tensorflow/tfjs');
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { tf, backend: 'wasm' };
    }
  } catch {
    // WASM unavailable: use the JavaScript kernels
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, backend: 'cpu' };
}

export function loadTf(): Promise<{ tf: Tf; backend: string }> {
  loading ??= load();
  return loading;
}
