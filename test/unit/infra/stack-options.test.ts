import { describe, expect, it } from 'vitest';
import { parseStackOptions } from '../../../infra/stack.js';

describe('stack launcher options', () => {
  it('trains the bundled sample by default and stays up', () => {
    expect(parseStackOptions([])).toEqual({
      help: false,
      once: false,
      training: true,
      trainInput: { source: { kind: 'sample' } },
    });
  });

  it('merges --train-input into the sample input, and reads --once and --no-training', () => {
    const options = parseStackOptions([
      '--once',
      '--no-training',
      '--train-input',
      '{"model":{"nEstimators":20}}',
    ]);
    expect(options).toMatchObject({ once: true, training: false });
    expect(options.trainInput).toEqual({ source: { kind: 'sample' }, model: { nEstimators: 20 } });
  });

  it('refuses an option it does not know, naming it', () => {
    expect(() => parseStackOptions(['--onse'])).toThrow(/Unknown option '--onse'/);
  });

  it('has no side effect at import: no signal handler was installed', () => {
    expect(process.listenerCount('SIGTERM')).toBe(0);
    expect(process.listenerCount('SIGHUP')).toBe(0);
  });
});
