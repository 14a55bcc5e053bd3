/** How a query constrains a field. */
export type QueryOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains';

export const QUERY_OPS: readonly QueryOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains'];

export const OP_SYMBOL: Record<QueryOp, string> = {
  eq: '=',
  ne: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  contains: '~',
};

/** A `name <op> value` term; the value itself is never kept. */
export interface QueryTerm {
  name: string;
  op: QueryOp;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Free literals: quoted strings, numbers, UUIDs, e-mails (each becomes `*`). */
  literals: number;
  /** Bare words left over, in order (candidates for field names; never stored). */
  words: string[];
  /** The query's operator for fields it does not name: its first term's, else one implied by words. */
  op: QueryOp;
}

/** At most this many terms and words are looked at: queries are short, and the bound keeps it cheap. */
const MAX_TOKENS = 20;

const VALUE = String.raw`(?:"[^"]*"|'[^']*'|[^\s"']+)`;
const NAME = String.raw`[A-Za-z_][\w.-]*`;
const TERM = new RegExp(
  String.raw`(${NAME})\s*(==|!=|>=|<=|=|:|>|<|~)\s*(${VALUE})|(${NAME})\s+(like|contains|not)\s+(${VALUE})`,
  'gi',
);
const LITERAL = new RegExp(
  [
    `"[^"]*"|'[^']*'`,
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    String.raw`(?<![\w.-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`,
    String.raw`(?<![\w.-])[-+]?\d[\w.,:-]*`,
  ].join('|'),
  'gi',
);
const WORD = /[A-Za-z_][\w.-]*/g;

function opOf(symbol: string, value: string): QueryOp {
  switch (symbol.toLowerCase()) {
    case '!=':
    case 'not':
      return 'ne';
    case '>=':
      return 'gte';
    case '<=':
      return 'lte';
    case '>':
      return 'gt';
    case '<':
      return 'lt';
    case '~':
    case 'like':
    case 'contains':
      return 'contains';
    default:
      return value.includes('*') ? 'contains' : 'eq';
  }
}

function impliedOp(words: readonly string[], text: string): QueryOp {
  const lower = words.map((w) => w.toLowerCase());
  if (lower.includes('not')) return 'ne';
  if (lower.includes('like') || lower.includes('contains') || text.includes('*')) return 'contains';
  return 'eq';
}

/** Splits a query into field terms, literals and words. Pure; nothing here is stored. */
export function parseQuery(query: string): ParsedQuery {
  const terms: QueryTerm[] = [];
  const rest = query.replace(
    TERM,
    (_m, n1?: string, s1?: string, v1?: string, n2?: string, s2?: string, v2?: string) => {
      if (terms.length < MAX_TOKENS) {
        const name = (n1 ?? n2)!;
        terms.push({ name, op: opOf((s1 ?? s2)!, (v1 ?? v2)!) });
      }
      return ' ';
    },
  );
  let literals = 0;
  const bare = rest.replace(LITERAL, () => {
    literals++;
    return ' ';
  });
  const words = (bare.match(WORD) ?? []).slice(0, MAX_TOKENS);
  const op = terms[0]?.op ?? impliedOp(words, query);
  return { terms, literals, words, op };
}

const ALL_WORDS = /\b(?:all|every|complete|full|entire|exhaustive)\b/i;

/** "show all orders": the reader wants everything, so advice raises the floor. */
export function asksForAll(query: string): boolean {
  return ALL_WORDS.test(query);
}
