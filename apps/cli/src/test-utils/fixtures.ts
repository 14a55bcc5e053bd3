/** Inputs big enough to be compressed, with the byte-level oddities a round trip must keep. */
export function jsonRows(n: number, eol = '\n'): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: i,
    name: `row ${i}`,
    status: i === Math.floor(n / 2) ? 'error' : 'ok',
    note: i % 7 === 0 ? 'emoji 🚀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢' : 'plain',
  }));
  return JSON.stringify(rows, null, 2).replaceAll('\n', eol);
}

export function logText(n: number, eol = '\n'): string {
  const lines = Array.from({ length: n }, (_, i) =>
    i === Math.floor(n / 3)
      ? `2026-11-30T10:00:${String(i % 60).padStart(2, '0')}Z ERROR payment 𝔘 failed for order ${i}`
      : `2026-11-30T10:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} handled in ${i % 97} ms`,
  );
  return lines.join(eol);
}
