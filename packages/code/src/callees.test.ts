import { describe, expect, it } from 'vitest';
import { calleesIn } from './callees.js';

const KEYWORDS = new Set(['if', 'for', 'while', 'return']);

describe('calleesIn', () => {
  it('lists distinct callees in order, at most five, skipping keywords and strings', () => {
    const code = [
      'if (ready(x)) { os.path.join(a, b); }',
      'while (true) log.info("call(x) inside a string");',
      'ready(y); Foo::bar(); ptr->run(); println!("x");',
      'a(); b();',
    ].join('\n');
    expect(calleesIn(code, KEYWORDS)).toEqual(['ready', 'os.path.join', 'log.info', 'Foo::bar', 'ptr->run']);
    expect(calleesIn('x.strip().lower()', KEYWORDS)).toEqual(['x.strip']);
    expect(calleesIn('return (a)', KEYWORDS)).toEqual([]);
  });
});
