/**
 * The envelope every engine's artifact is written in, so a reader can tell what a file is before trusting it:
 *
 *   "CFMODEL1" (8 bytes) | header length (u32 LE) | header JSON (UTF-8, space-padded) | payload
 *
 * The header names the engine, the task, the feature signature and the SHA-256 of the payload. The payload
 * starts on an 8-byte boundary so Float64Array sections can be viewed in place instead of copied.
 */
import { createHash } from 'node:crypto';
import { ModelInputError, type Task } from './engine.js';

const MAGIC = 'CFMODEL1';
const PREFIX_BYTES = 12;

export interface EnvelopeHeader {
  engine: string;
  task: Task;
  featureNames: string[];
  payloadLength: number;
  /** SHA-256 of the payload, hex. */
  sha256: string;
  [key: string]: unknown;
}

export class ArtifactError extends ModelInputError {
  override name = 'ArtifactError';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Wraps a payload; `fields` are engine-specific header entries (options, layout, summary). */
export function writeEnvelope(
  base: { engine: string; task: Task; featureNames: readonly string[] },
  fields: Record<string, unknown>,
  payload: Uint8Array,
): Uint8Array {
  const header: EnvelopeHeader = {
    ...fields,
    engine: base.engine,
    task: base.task,
    featureNames: [...base.featureNames],
    payloadLength: payload.length,
    sha256: sha256Hex(payload),
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (8 - ((PREFIX_BYTES + json.length) % 8)) % 8;
  if (pad > 0) json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
  const out = new Uint8Array(PREFIX_BYTES + json.length + payload.length);
  out.set(Buffer.from(MAGIC, 'latin1'), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, PREFIX_BYTES);
  out.set(payload, PREFIX_BYTES + json.length);
  return out;
}

/** Reads and checks an envelope: magic, engine, lengths, checksum. Throws ArtifactError on any mismatch. */
export function readEnvelope(
  bytes: Uint8Array,
  expectedEngine?: string,
): { header: EnvelopeHeader; payload: Uint8Array } {
  if (bytes.length < PREFIX_BYTES || Buffer.from(bytes.subarray(0, 8)).toString('latin1') !== MAGIC) {
    throw new ArtifactError('not a model artifact: the file does not start with the CFMODEL1 marker');
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (PREFIX_BYTES + headerLength > bytes.length) {
    throw new ArtifactError(`artifact is truncated: ${bytes.length} bytes, the header alone needs more`);
  }
  let header: EnvelopeHeader;
  try {
    header = JSON.parse(
      Buffer.from(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)).toString('utf8'),
    ) as EnvelopeHeader;
  } catch {
    throw new ArtifactError('artifact header is not valid JSON');
  }
  if (expectedEngine !== undefined && header.engine !== expectedEngine) {
    throw new ArtifactError(
      `artifact was written by engine "${String(header.engine)}", not "${expectedEngine}"`,
    );
  }
  const payload = bytes.subarray(PREFIX_BYTES + headerLength);
  if (payload.length !== header.payloadLength) {
    throw new ArtifactError(
      `artifact is truncated or padded: payload has ${payload.length} bytes, the header says ${header.payloadLength}`,
    );
  }
  if (sha256Hex(payload) !== header.sha256) {
    throw new ArtifactError('artifact checksum mismatch: the payload is corrupted');
  }
  return { header, payload };
}

/** The engine named in an artifact's header, to pick the engine that loads it. */
export function peekEngine(bytes: Uint8Array): string {
  return readEnvelope(bytes).header.engine;
}
