/** One bundled benchmark input: seeded text plus the needles a good compression must not lose. */
export interface Scenario {
  name: string;
  type: 'json' | 'log' | 'search' | 'diff' | 'code' | 'text';
  text: string;
  query?: string;
  /** Strings that must stay in the output or in a stored CCR original. */
  needles: string[];
}
