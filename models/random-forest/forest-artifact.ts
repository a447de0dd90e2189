/**
 * The histogram forest's artifact: the common envelope (header + SHA-256) around flat typed-array
 * sections, 8-byte aligned, so loading is a checksum and a few views, not megabytes of JSON.
 */
import { ArtifactError, readEnvelope, writeEnvelope } from '../artifact-envelope.js';
import type { ForestSummary } from './forest-collector.js';
import type { ForestParts } from './forest-model.js';
import type { ResolvedForestOptions } from './options.js';

const FORMAT = 'histogram-forest/1';
const ENGINE = 'histogram-forest';

type TypedArray = Float64Array | Int32Array;
type SectionName = 'edges' | 'edgeOffsets' | 'nodeOffsets' | 'leafOffsets' | 'leafValues' | 'nodes';
const KINDS: Record<
  SectionName,
  { new (buffer: ArrayBuffer, offset: number, length: number): TypedArray; BYTES_PER_ELEMENT: number }
> = {
  edges: Float64Array,
  leafValues: Float64Array,
  edgeOffsets: Int32Array,
  nodeOffsets: Int32Array,
  leafOffsets: Int32Array,
  nodes: Int32Array,
};

interface ForestHeader {
  format: string;
  nClasses: number;
  options: ResolvedForestOptions;
  summary: ForestSummary;
  /** Section name → [byte offset in the payload, element count]. */
  sections: Record<SectionName, [number, number]>;
}

export function encodeForest(parts: ForestParts): Uint8Array {
  const { arrays, edges } = parts;
  const values: Record<SectionName, TypedArray> = {
    edges: edges.edges,
    leafValues: arrays.leafValues,
    edgeOffsets: edges.offsets,
    nodeOffsets: arrays.nodeOffsets,
    leafOffsets: arrays.leafOffsets,
    nodes: arrays.nodes,
  };
  const sections = {} as Record<SectionName, [number, number]>;
  let size = 0;
  for (const name of Object.keys(KINDS) as SectionName[]) {
    sections[name] = [size, values[name].length];
    size = Math.ceil((size + values[name].byteLength) / 8) * 8;
  }
  const payload = new Uint8Array(size);
  for (const name of Object.keys(KINDS) as SectionName[]) {
    const v = values[name];
    payload.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), sections[name][0]);
  }
  const header: ForestHeader = {
    format: FORMAT,
    nClasses: parts.nClasses,
    options: parts.options,
    summary: parts.summary,
    sections,
  };
  return writeEnvelope(
    { engine: ENGINE, task: parts.task, featureNames: parts.featureNames },
    { ...header },
    payload,
  );
}

export function decodeForest(bytes: Uint8Array): ForestParts {
  const { header: raw, payload } = readEnvelope(bytes, ENGINE);
  const header = raw as unknown as ForestHeader & typeof raw;
  if (header.format !== FORMAT) throw new ArtifactError(`unsupported forest format ${String(header.format)}`);
  // Views need aligned offsets; a payload that is not 8-byte aligned in memory is copied once.
  const aligned = payload.byteOffset % 8 === 0 ? payload : payload.slice();
  const view = {} as Record<SectionName, TypedArray>;
  for (const name of Object.keys(KINDS) as SectionName[]) {
    const entry = header.sections?.[name];
    if (!Array.isArray(entry)) throw new ArtifactError(`forest artifact has no ${name} section`);
    const [offset, length] = entry;
    const Kind = KINDS[name];
    if (
      offset % 8 !== 0 ||
      offset < 0 ||
      length < 0 ||
      offset + length * Kind.BYTES_PER_ELEMENT > aligned.length
    ) {
      throw new ArtifactError(`forest artifact section ${name} lies outside the payload`);
    }
    view[name] = new Kind(aligned.buffer as ArrayBuffer, aligned.byteOffset + offset, length);
  }
  const parts: ForestParts = {
    task: header.task,
    featureNames: header.featureNames,
    nClasses: header.nClasses,
    options: header.options,
    summary: header.summary,
    edges: { edges: view.edges as Float64Array, offsets: view.edgeOffsets as Int32Array },
    arrays: {
      nodes: view.nodes as Int32Array,
      leafValues: view.leafValues as Float64Array,
      nodeOffsets: view.nodeOffsets as Int32Array,
      leafOffsets: view.leafOffsets as Int32Array,
    },
  };
  checkStructure(parts);
  return parts;
}

/** Refuses a forest whose indices point outside its arrays or backwards (a walk could loop or overrun). */
function checkStructure(parts: ForestParts): void {
  const { nodes, nodeOffsets, leafOffsets, leafValues } = parts.arrays;
  const F = parts.featureNames.length;
  const width = parts.nClasses === 0 ? 1 : parts.nClasses;
  const bad = (why: string): never => {
    throw new ArtifactError(`forest artifact is inconsistent: ${why}`);
  };
  const eo = parts.edges.offsets;
  if (eo.length !== F + 1 || eo[0] !== 0 || eo[F] !== parts.edges.edges.length) {
    bad('edge offsets do not match the feature signature');
  }
  for (let f = 0; f < F; f++)
    if (eo[f + 1]! < eo[f]! || eo[f + 1]! - eo[f]! > 255) bad(`feature ${f} has bad edges`);
  const nTrees = nodeOffsets.length - 1;
  if (nTrees < 1 || leafOffsets.length !== nTrees + 1) bad('tree offsets are missing');
  if (nodeOffsets[nTrees]! * 2 !== nodes.length || leafOffsets[nTrees]! * width !== leafValues.length) {
    bad('tree offsets do not cover the node arrays');
  }
  for (let t = 0; t < nTrees; t++) {
    const base = nodeOffsets[t]!;
    const count = nodeOffsets[t + 1]! - base;
    const leaves = leafOffsets[t + 1]! - leafOffsets[t]!;
    if (count < 1 || leaves < 1) bad(`tree ${t} is empty`);
    for (let i = 0; i < count; i++) {
      const split = nodes[2 * (base + i)]!;
      const next = nodes[2 * (base + i) + 1]!;
      if (split < 0) {
        if (next < 0 || next >= leaves) bad(`tree ${t} node ${i} points outside the tree`);
        continue;
      }
      if (split >> 8 >= F) bad(`tree ${t} splits on feature ${split >> 8} of ${F}`);
      // Preorder: both children come after their parent, so a walk always ends.
      if (i + 1 >= count || next <= i + 1 || next >= count)
        bad(`tree ${t} node ${i} points outside the tree`);
    }
  }
}
