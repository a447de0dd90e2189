import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSpec } from '../../lib/config.js';
import { featureTableHeader, featureTableMarkdown, featureTableRows } from '../../lib/feature-sets.js';
import { resolvePipelineInput } from '../../workflows/pipeline-types.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every configuration variable', () => {
    const missing = Object.keys(configSpec).filter(
      (key) => !new RegExp(`\\|\\s*\`${key}\`\\s*\\|`).test(readme),
    );
    expect(missing).toEqual([]);
  });

  it('has a quick start of exactly two commands', () => {
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = quickStart.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
    expect(commands.map((c) => c.split('#')[0]?.trim())).toEqual(['npm start', 'npm test']);
  });

  it('documents the pipeline input for the Temporal UI with the defaults the workflow applies', () => {
    const json = /Input \(JSON\)[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '{}';
    const documented = JSON.parse(json) as Record<string, unknown>;
    const { range: _range, ...defaults } = resolvePipelineInput({ source: { kind: 'sample' } });
    const { range: _documentedRange, ...rest } = documented;
    expect(rest).toEqual(defaults);
  });

  it("has the feature catalogue's table, cell for cell", () => {
    const section = /### Features\n[\s\S]*?\n(\| field[\s\S]*?)\n\n/.exec(readme)?.[1] ?? '';
    const cells = section
      .split('\n')
      .map((line) => line.split(' | ').map((cell) => cell.replace(/^\|?\s*|\s*\|?$/g, '')));
    // On a difference, paste the expected Markdown and run `npx prettier --write README.md`.
    expect(cells, featureTableMarkdown()).toEqual([
      featureTableHeader,
      featureTableHeader.map((_, i) => cells[1]?.[i] ?? ''),
      ...featureTableRows(),
    ]);
    expect(cells[1]?.every((c) => /^-+$/.test(c))).toBe(true);
  });
});
