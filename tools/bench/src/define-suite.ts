/** The authoring API of `*.bench.ts` files: a suite of named cases, some of them baselines. */

export interface SampleOptions {
  /** Timed runs at least (default 50). */
  minRuns?: number;
  /** Keep sampling at least this long, in ms (default 1000); whichever of the two gives more runs. */
  minTimeMs?: number;
  /** Timed runs at most (default 10,000). */
  maxRuns?: number;
  /** Untimed runs first (default 5), and at least a tenth of `minTimeMs`. */
  warmupRuns?: number;
}

/** Sizes of one run's input and output, for compression benchmarks (→ the reduction column). */
export interface Measure {
  before: number;
  after: number;
  unit?: 'tokens' | 'bytes';
}

export interface CaseOptions extends SampleOptions {
  /** Name of the case this one is compared with; defaults to the latest baseline declared before it. */
  baseline?: string;
  /** Input bytes processed per run (→ MB/s instead of ops/s). */
  bytes?: number;
  /** Called once, outside timing: what one run makes of its input. */
  measure?: () => Measure;
}

export type BaselineOptions = Omit<CaseOptions, 'baseline'>;

/** A run: its return value is kept alive so the work cannot be optimized away. */
export type CaseFn = () => unknown;

export interface CaseDefinition extends Omit<CaseOptions, 'baseline'> {
  name: string;
  fn: CaseFn;
  isBaseline: boolean;
  baseline?: string;
}

export interface SuiteBuilder {
  /** A reference case the others are compared with. */
  baseline(name: string, fn: CaseFn, options?: BaselineOptions): void;
  /** A case, compared with `options.baseline` or the latest baseline declared before it. */
  add(name: string, fn: CaseFn, options?: CaseOptions): void;
}

export interface SuiteOptions<C> extends SampleOptions {
  name: string;
  /** Builds the inputs once, untimed; a good place for correctness checks (throw to fail the suite). */
  setup?: () => C | Promise<C>;
  teardown?: (context: C) => void | Promise<void>;
}

export interface Suite {
  readonly kind: 'headroom-bench-suite';
  readonly name: string;
  readonly options: SampleOptions;
  /** Runs setup and returns the cases, and the teardown to call after them. */
  load(): Promise<{ cases: CaseDefinition[]; teardown: () => void | Promise<void> }>;
}

/** A bench file's default export: one suite, or an array of them. */
export function defineSuite<C = undefined>(
  options: SuiteOptions<C>,
  build: (s: SuiteBuilder, context: C) => void,
): Suite {
  const { name, setup, teardown, ...sampling } = options;
  return {
    kind: 'headroom-bench-suite',
    name,
    options: sampling,
    async load() {
      const context = (setup ? await setup() : undefined) as C;
      const cases = collectCases((s) => build(s, context));
      return { cases, teardown: () => teardown?.(context) };
    },
  };
}

/** Runs a builder and checks names: unique cases, every comparison against a declared baseline. */
export function collectCases(build: (s: SuiteBuilder) => void): CaseDefinition[] {
  const cases: CaseDefinition[] = [];
  let latestBaseline: string | undefined;
  const push = (c: CaseDefinition) => {
    if (cases.some((other) => other.name === c.name)) throw new Error(`Duplicate case name: ${c.name}`);
    cases.push(c);
  };
  build({
    baseline(name, fn, opts = {}) {
      push({ ...opts, name, fn, isBaseline: true });
      latestBaseline = name;
    },
    add(name, fn, opts = {}) {
      const { baseline = latestBaseline, ...rest } = opts;
      if (baseline !== undefined && !cases.some((c) => c.isBaseline && c.name === baseline)) {
        throw new Error(
          `Case "${name}" compares with "${baseline}", which is not a baseline declared before it`,
        );
      }
      push({ ...rest, name, fn, isBaseline: false, ...(baseline === undefined ? {} : { baseline }) });
    },
  });
  if (cases.length === 0) throw new Error('A suite needs at least one case');
  return cases;
}

export function isSuite(value: unknown): value is Suite {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'headroom-bench-suite'
  );
}
