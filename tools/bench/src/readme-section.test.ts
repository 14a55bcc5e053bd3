import { describe, expect, it } from 'vitest';
import { BENCH_END, BENCH_START, replaceBenchSection } from './readme-section.js';

const readme = [
  '# Pkg',
  '',
  'Intro.',
  '',
  BENCH_START,
  'old table',
  BENCH_END,
  '',
  '## Next',
  'More.',
  '',
].join('\n');

describe('replaceBenchSection', () => {
  it('replaces only what lies between the markers', () => {
    expect(replaceBenchSection(readme, '| new |')).toBe(
      ['# Pkg', '', 'Intro.', '', BENCH_START, '', '| new |', '', BENCH_END, '', '## Next', 'More.', ''].join(
        '\n',
      ),
    );
  });

  it('is idempotent', () => {
    const once = replaceBenchSection(readme, 'table\n')!;
    expect(replaceBenchSection(once, 'table\n')).toBe(once);
  });

  it('returns undefined without markers and throws on an unclosed section', () => {
    expect(replaceBenchSection('# Pkg\n', 'x')).toBeUndefined();
    expect(() => replaceBenchSection(`${BENCH_START}\nold`, 'x')).toThrow(/bench:end/);
  });
});
