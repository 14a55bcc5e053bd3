/** Deterministic prose for tests and benchmarks: sentences, paragraphs, and the entities that must survive. */
import { int, pick, prng, type Random } from '@headroom/bench';

/** Common English words; the generated models know them as whole tokens. */
export const TEXT_WORDS: readonly string[] = (
  'the a an of to in on at for by with from into about as is are was were be been has have had do does ' +
  'did will would can could should may might must not no and or but so if then than that this these ' +
  'those it its they them their we our you your he she his her who which what when where why how all ' +
  'any each every some many more most other such only own same very just also still even again once ' +
  'team service server request response user customer report meeting project release plan update ' +
  'change issue problem error result value data system network database cache queue worker job task ' +
  'time day week month year morning evening today yesterday tomorrow number total average rate price ' +
  'cost budget revenue growth market product feature design review test build deploy rollback fix ' +
  'patch version config setting option limit threshold alert incident outage latency traffic load ' +
  'memory disk storage backup region cluster node instance container image file folder document page ' +
  'said says asked agreed decided proposed discussed noted mentioned explained suggested confirmed ' +
  'expected reported observed measured improved reduced increased dropped failed passed started ' +
  'finished moved added removed kept made took gave found saw went came looked seemed became ' +
  'new old good bad high low large small long short fast slow early late first last next previous ' +
  'important critical minor major main key final current recent clear simple complex stable ready ' +
  'because however therefore although while during after before until since through across between ' +
  'Alice Bob Carol Dave Erin Frank Grace Heidi Monday Tuesday Friday January March October Berlin Paris'
).split(' ');

export interface ProseOptions {
  /** Sentences per paragraph, at most. */
  sentencesPerParagraph?: number;
  /** Probability that a sentence carries an entity (number with unit, URL, identifier, UUID, code). */
  entityRate?: number;
  /** Probability that a sentence ends its line (single newline) instead of continuing it. */
  lineBreakRate?: number;
}

const UNITS = ['ms', 'MB', 'GB', '%', 'seconds', 'requests'];

/** An entity that protected-span rules must keep byte-identical. */
function entity(rand: Random): string {
  switch (int(rand, 0, 5)) {
    case 0:
      return `${int(rand, 1, 999)}.${int(rand, 0, 99)} ${pick(rand, UNITS)}`;
    case 1:
      return `https://example.com/${pick(rand, TEXT_WORDS)}/${int(rand, 1, 9999)}`;
    case 2:
      return `${pick(rand, ['parse', 'load', 'flush', 'retry'])}${pick(rand, ['Config', 'Queue', 'Cache'])}`;
    case 3: {
      const hex = (n: number) => Array.from({ length: n }, () => int(rand, 0, 15).toString(16)).join('');
      return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
    }
    case 4:
      return `\`${pick(rand, ['npm run build', 'git status', 'make test'])}\``;
    default:
      return `#${int(rand, 100, 9999)}`;
  }
}

function sentence(rand: Random, entityRate: number): string {
  const n = int(rand, 6, 18);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(rand, TEXT_WORDS));
  if (rand() < entityRate) words.splice(int(rand, 1, words.length - 1), 0, entity(rand));
  const first = words[0]!;
  words[0] = first[0]!.toUpperCase() + first.slice(1);
  if (rand() < 0.2) words[int(rand, 1, words.length - 2)] += ',';
  return `${words.join(' ')}${pick(rand, ['.', '.', '.', '?', '!'])}`;
}

/** About `words` words of prose in paragraphs separated by blank lines; the same seed gives the same text. */
export function prose(words: number, seed = 1, opts: ProseOptions = {}): string {
  const rand = prng(seed);
  const { sentencesPerParagraph = 5, entityRate = 0.3, lineBreakRate = 0.2 } = opts;
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    let paragraph = '';
    const sentences = int(rand, 1, sentencesPerParagraph);
    for (let s = 0; s < sentences && count < words; s++) {
      const text = sentence(rand, entityRate);
      count += text.split(' ').length;
      paragraph += s === 0 ? text : `${rand() < lineBreakRate ? '\n' : ' '}${text}`;
    }
    paragraphs.push(paragraph);
  }
  return paragraphs.join('\n\n');
}
