/**
 * Which words the model may never drop: numbers and anything with a digit (versions, ids, dates,
 * UUIDs, hashes), URLs, e-mails, paths, code identifiers, tags and code fences, and a unit that
 * follows a number (`3.14 ms`). Multi-word spans (CCR markers, custom-tag blocks, inline code) are
 * found on the text by `findProtectedSpans` and merged into single words by the segmenter.
 */
import { CCR_MARKER_RE } from '@headroom/core';

const HTML5_TAGS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption ' +
    'cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins ' +
    'kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup option ' +
    'output p param picture pre progress q rp rt ruby s samp script search section select slot small ' +
    'source span strong style sub summary sup table tbody td template textarea tfoot th thead time ' +
    'title tr track u ul var video wbr svg math'
  ).split(' '),
);

const UNITS = new Set(
  (
    'ms s sec secs second seconds min mins minute minutes h hr hrs hour hours d day days ns us µs ' +
    'b B kb KB kB mb MB gb GB tb TB KiB MiB GiB TiB bytes k K M G x % px em rem pt ' +
    'USD EUR GBP $ € £ km m cm mm kg g mg l ml °C °F C F V W kW Hz MHz GHz rps qps req tokens ' +
    'requests errors items rows lines files users retries'
  ).split(' '),
);

const INLINE_CODE_RE = /`[^`\n]+`/g;
const OPEN_TAG_RE = /<([A-Za-z][\w:.-]*)(?:\s[^<>]*)?>/g;

function isCustomTag(name: string): boolean {
  return !HTML5_TAGS.has(name.toLowerCase());
}

/** Whole `<tag …>…</tag>` blocks of non-HTML5 tags (`<system-reminder>`, `<example>`). */
function customTagBlocks(text: string, out: [number, number][]): void {
  const lastCloser = new Map<string, number>();
  OPEN_TAG_RE.lastIndex = 0;
  for (let m = OPEN_TAG_RE.exec(text); m !== null; m = OPEN_TAG_RE.exec(text)) {
    const name = m[1]!;
    if (!isCustomTag(name)) continue;
    const closer = `</${name}`;
    // Remembering the last closer keeps unclosed tags (`List<T>`) from rescanning the text.
    let last = lastCloser.get(name);
    if (last === undefined) {
      last = text.lastIndexOf(closer);
      lastCloser.set(name, last);
    }
    const bodyStart = m.index + m[0].length;
    if (last < bodyStart) continue;
    let at = text.indexOf(closer, bodyStart);
    while (at >= 0) {
      const close = /^\s*>/.exec(text.slice(at + closer.length, at + closer.length + 64));
      if (close) {
        out.push([m.index, at + closer.length + close[0].length]);
        OPEN_TAG_RE.lastIndex = at + closer.length + close[0].length;
        break;
      }
      at = text.indexOf(closer, at + 1);
    }
  }
}

/**
 * Sorted, disjoint `[start, end)` ranges of the protected spans that contain whitespace: CCR
 * markers, custom-tag blocks (with `customTags`) and single-line inline code.
 */
export function findProtectedSpans(text: string, customTags: boolean): [number, number][] {
  const found: [number, number][] = [];
  if (text.includes('<<ccr:')) {
    for (const m of text.matchAll(CCR_MARKER_RE)) found.push([m.index, m.index + m[0].length]);
  }
  if (text.includes('`')) {
    for (const m of text.matchAll(INLINE_CODE_RE)) found.push([m.index, m.index + m[0].length]);
  }
  if (customTags && text.includes('</')) customTagBlocks(text, found);
  found.sort((a, b) => a[0] - b[0]);
  const spans: [number, number][] = [];
  for (const s of found) {
    const prev = spans[spans.length - 1];
    if (prev && s[0] < prev[1]) prev[1] = Math.max(prev[1], s[1]);
    else spans.push([s[0], s[1]]);
  }
  return spans;
}

// A single regex for the word-level rules, tested once per distinct word.
const WORD_RE = new RegExp(
  [
    String.raw`\d`, // numbers, versions, dates, ids, UUIDs, most hashes
    String.raw`:\/\/|^www\.`, // URLs
    String.raw`[\w.+-]@[\w-]+\.\w`, // e-mails
    String.raw`\w_\w|[a-z][A-Z]|[$#]\w`, // snake_case, camelCase, $var, #anchor
    String.raw`[A-Za-z_]\w*(?:\.|::|->)[A-Za-z_]\w*`, // dotted names, Foo::bar, a->b
    String.raw`\w\/\w|^~?\.{0,2}\/\w`, // paths
    String.raw`\(\)|\w\(|=`, // calls, assignments
    String.raw`^<\/?[A-Za-z][^<>]*>$|^\`\`\``, // tags, code fences
  ].join('|'),
);

export function isProtectedWord(word: string): boolean {
  return WORD_RE.test(word);
}

const TRAILING_PUNCT = /[.,;:!?)\]}"']+$/;

/** A unit right after a number stays with it: `3.14 ms`, `250 MB.` */
export function isUnitAfter(previous: string | undefined, word: string): boolean {
  if (previous === undefined || !/\d[%.,;:)]*$/.test(previous)) return false;
  return UNITS.has(word.replace(TRAILING_PUNCT, ''));
}
