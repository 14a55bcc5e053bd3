/** Deterministic bench inputs: a real-sized agent system prompt and 100 KB of prose. */

const SECTIONS = [
  '# Role\nYou are the on-call assistant of the payments platform team. You help engineers triage incidents, read logs, and propose the smallest safe fix. You never run destructive commands yourself.',
  '# Tools\nUse the search_documents tool for runbooks and the query-builder helper for SQL. Always validate input carefully before calling a tool, and never pass user text to a shell unquoted. The API is v2.1; the SDK is 3.4.0.',
  '# Style\n- Answer in short paragraphs.\n- Cite log lines by their timestamp and service.\n- Prefer reversible actions and say how to roll back.\n- When unsure, say what evidence would decide.',
  '# Escalation\nEscalate to the payments lead when card authorizations fail for more than five minutes, when the ledger and the processor disagree, or when a customer reports a double charge. Only show orders after 2024-01-01 unless asked for older ones. Standup at 10:30 daily.',
  '# Runbook links\nSee https://runbooks.example.test/payments/2024/11/incident-triage and https://status.example.test/history for the current procedures.',
  "# Example query\n```sql\nSELECT id, status, created_at\nFROM orders\nWHERE created_at > '2024-01-01'\nORDER BY created_at DESC\nLIMIT 50;\n```",
  '# Glossary\nAuthorization: the processor reserves funds. Capture: the processor moves them. Settlement: the bank pays out. Chargeback: the cardholder disputes a capture. Idempotency key: a client-chosen key that makes a retry safe.',
];

/** A word of letters only, different for every `n`: a static line that is new to every cache. */
export function codename(n: number): string {
  let word = '';
  for (let k = n + 26; k > 0; k = Math.floor(k / 26)) word += String.fromCharCode(97 + (k % 26));
  return word;
}

/**
 * A ~2,000-token (~8 KB) system prompt with a date, a time and a session id in it; with `variant`,
 * also a static line of its own, so the stable prefix is new too.
 */
export function systemPrompt(day: number, variant?: number): string {
  const date = new Date(Date.UTC(2025, 0, 1 + day));
  const dynamic = [
    `Today is ${date.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })}.`,
    `Current time: ${String(9 + (day % 8)).padStart(2, '0')}:${String((day * 7) % 60).padStart(2, '0')} UTC`,
    `Session ID: 3f2a1b4c-1d2e-4f3a-8b9c-${String(day).padStart(12, '0')}`,
  ];
  const body: string[] = [];
  for (let round = 0; body.join('\n\n').length < 7600; round++) {
    for (const s of SECTIONS) body.push(round === 0 ? s : s.replace(/^# (\w+)/, `# $1 (part ${round + 1})`));
  }
  const own = variant === undefined ? [] : [`Team codename: ${codename(variant)}.`];
  return [body[0], ...own, dynamic.join('\n'), ...body.slice(1)].join('\n\n');
}

const WORDS =
  'the service request order payment status retry cache region node queue worker deploy config update validate timeout latency error budget report customer ledger balance invoice refund policy session handling daily review'.split(
    ' ',
  );

/** ~100 KB of prose: sentences with numbers and dates in running text, a statement every 40 lines. */
export function prose(bytes = 100_000): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const words = Array.from({ length: 14 }, (_, k) => WORDS[(i * 31 + k * 17) % WORDS.length]);
    let line = `${words.join(' ')} in ${2000 + (i % 25)} for ${i % 97} users.`;
    if (i % 40 === 7) line = `Today is March ${1 + (i % 28)}, 2025.`;
    if (i % 53 === 11) line += ` Orders after 2024-0${1 + (i % 9)}-15 are kept.`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}
