/**
 * The cashflow net's forward pass on typed arrays, from the weights TensorFlow.js saved. Serving a
 * 3-layer perceptron through TF.js costs a tensor allocation, a backend dispatch and a copy per call,
 * which dominated a single-row /predict; the same arithmetic in a loop takes microseconds. Training still
 * uses TF.js; a test checks both give the same outputs.
 */

interface DenseLayer {
  inputs: number;
  units: number;
  /** Row-major inputs × units, as Keras stores a Dense kernel. */
  kernel: Float32Array;
  bias: Float32Array;
  relu: boolean;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype?: string;
}

interface LayerConfig {
  class_name?: string;
  config?: { activation?: string; use_bias?: boolean };
}

export interface DenseNet {
  inputs: number;
  outputs: number;
  /** Row-major nRows × outputs. */
  forward(x: Float32Array, nRows: number): Float32Array;
}

function layersOf(topology: unknown): LayerConfig[] {
  const t = topology as {
    model_config?: { config?: { layers?: LayerConfig[] } };
    config?: { layers?: LayerConfig[] };
  };
  const layers = t.model_config?.config?.layers ?? t.config?.layers ?? [];
  return layers.filter((l) => l.class_name === 'Dense');
}

export function denseNetFrom(topology: unknown, specs: WeightSpec[], weights: Uint8Array): DenseNet {
  const configs = layersOf(topology);
  const floats = new Float32Array(
    weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  );
  let offset = 0;
  const take = (spec: WeightSpec) => {
    if (spec.dtype && spec.dtype !== 'float32')
      throw new Error(`weight ${spec.name} is ${spec.dtype}, not float32`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const out = floats.subarray(offset, offset + size);
    offset += size;
    return out;
  };
  const layers: DenseLayer[] = configs.map((config, i) => {
    const kernelSpec = specs[i * 2];
    const biasSpec = specs[i * 2 + 1];
    if (!kernelSpec || !biasSpec || kernelSpec.shape.length !== 2 || config.config?.use_bias === false) {
      throw new Error(`layer ${i} is not a Dense layer with kernel and bias`);
    }
    const [inputs, units] = kernelSpec.shape as [number, number];
    const activation = config.config?.activation ?? 'linear';
    if (activation !== 'relu' && activation !== 'linear')
      throw new Error(`activation ${activation} is not supported`);
    return { inputs, units, kernel: take(kernelSpec), bias: take(biasSpec), relu: activation === 'relu' };
  });
  if (layers.length === 0 || offset !== floats.length) throw new Error('weights do not match the topology');
  const first = layers[0]!;
  const last = layers[layers.length - 1]!;
  return {
    inputs: first.inputs,
    outputs: last.units,
    forward(x, nRows) {
      const out = new Float32Array(nRows * last.units);
      let input: Float32Array = new Float32Array(first.inputs);
      for (let r = 0; r < nRows; r++) {
        input = x.subarray(r * first.inputs, (r + 1) * first.inputs);
        for (const layer of layers) {
          const next = new Float32Array(layer.units);
          next.set(layer.bias);
          for (let i = 0; i < layer.inputs; i++) {
            const v = input[i]!;
            if (v === 0) continue;
            const row = i * layer.units;
            for (let j = 0; j < layer.units; j++) next[j] = next[j]! + v * layer.kernel[row + j]!;
          }
          if (layer.relu) for (let j = 0; j < layer.units; j++) if (next[j]! < 0) next[j] = 0;
          input = next;
        }
        out.set(input, r * last.units);
      }
      return out;
    },
  };
}
