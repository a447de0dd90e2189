/**
 * The cashflow-net artifact: [uint32 header length][JSON header][weight bytes]. The header carries the
 * Keras-style topology, the weight specs, the input standardisation and the SHA-256 of the weights.
 */
import { createHash } from 'node:crypto';
import { ModelInputError } from '../engine.js';

export const cashflowNetFormat = 'cashflow-net';

export interface CashflowNetHeader {
  format: typeof cashflowNetFormat;
  featureNames: string[];
  horizons: number;
  quantiles: number[];
  inputMean: number[];
  inputStd: number[];
  /** Returns were divided by this before training; predictions are multiplied back, then by the price. */
  targetScale: number;
  backend: string;
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightsSha256: string;
  training: Record<string, number>;
}

export function encodeCashflowNet(
  header: Omit<CashflowNetHeader, 'weightsSha256'>,
  weights: Uint8Array,
): Uint8Array {
  const full: CashflowNetHeader = {
    ...header,
    weightsSha256: createHash('sha256').update(weights).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(full));
  const out = new Uint8Array(4 + json.length + weights.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(weights, 4 + json.length);
  return out;
}

export function decodeCashflowNet(bytes: Uint8Array): { header: CashflowNetHeader; weights: Uint8Array } {
  if (bytes.length < 4) throw new ModelInputError('cashflow-net artifact is truncated (no header)');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + length > bytes.length)
    throw new ModelInputError('cashflow-net artifact is truncated (header cut off)');
  let header: CashflowNetHeader;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(4, 4 + length)).toString('utf8')) as CashflowNetHeader;
  } catch {
    throw new ModelInputError('cashflow-net artifact header is not valid JSON');
  }
  if (header.format !== cashflowNetFormat) {
    throw new ModelInputError(
      `artifact format is ${JSON.stringify(header.format)}, not ${cashflowNetFormat}`,
    );
  }
  const weights = bytes.slice(4 + length);
  if (createHash('sha256').update(weights).digest('hex') !== header.weightsSha256) {
    throw new ModelInputError(
      'cashflow-net weights do not match their checksum (corrupted or truncated artifact)',
    );
  }
  return { header, weights };
}
