const WORD = /[A-Za-z_$][\w$]*/g;
const CODE_LIKE = /[_$\d]|[a-z][A-Z]/;

function escapeRegExp(word: string): string {
  return word.replace(/\$/g, '\\$');
}

/**
 * What a query names: functions (whose bodies stay whole) and callees (statements calling them
 * stay). A query word counts as a callee when it looks like code (`parse_config`, `fetchUser`) or
 * names a function of the file, so plain English words do not pin statements.
 */
export class QueryTerms {
  private readonly words: Set<string>;
  private readonly calls: RegExp | undefined;

  constructor(query: string | undefined, functionNames: ReadonlySet<string>) {
    this.words = new Set((query ?? '').match(WORD)?.map((w) => w.toLowerCase()) ?? []);
    const lowerNames = new Set([...functionNames].map((n) => n.toLowerCase()));
    const callees = [...new Set((query ?? '').match(WORD) ?? [])].filter(
      (w) => w.length >= 3 && (CODE_LIKE.test(w) || lowerNames.has(w.toLowerCase())),
    );
    this.calls =
      callees.length === 0
        ? undefined
        : new RegExp(`(?<![\\w$])(?:${callees.map(escapeRegExp).join('|')})\\s*!?\\s*\\(`, 'i');
  }

  get isEmpty(): boolean {
    return this.words.size === 0;
  }

  /** The query mentions a function by its (simple) name. */
  names(name: string | undefined): boolean {
    return name !== undefined && this.words.has(name.toLowerCase());
  }

  /** `text` calls a function the query names. */
  callsIn(text: string): boolean {
    return this.calls?.test(text) ?? false;
  }
}
