import { describe, expect, it } from 'vitest';
import { firstLineDocstring } from './docstrings.js';

describe('firstLineDocstring', () => {
  it('keeps the first non-empty line in the same quotes and prefix', () => {
    expect(firstLineDocstring('"""Process items.\n\n    Details.\n    """')).toBe('"""Process items."""');
    expect(firstLineDocstring("'''\n    Summary here.\n    '''")).toBe("'''Summary here.'''");
    expect(firstLineDocstring('r"""Regex \\d helpers.\n    More.\n    """')).toBe(
      'r"""Regex \\d helpers."""',
    );
  });

  it('leaves one-line, unsafe and non-docstring strings alone', () => {
    expect(firstLineDocstring('"""Already one line."""')).toBeUndefined();
    expect(firstLineDocstring('"""Ends with a quote"\n    x\n    """')).toBeUndefined();
    expect(firstLineDocstring('"""Ends with a backslash\\\n    x\n    """')).toBeUndefined();
    expect(firstLineDocstring('f"""{x}\n    """')).toBeUndefined();
    expect(firstLineDocstring('"""\n\n    """')).toBeUndefined();
    expect(firstLineDocstring('"plain"')).toBeUndefined();
  });
});
