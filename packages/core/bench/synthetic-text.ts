/** Seeded generators for the kinds of text the real-data sources lack: logs, emoji, whitespace. */
import { int, pick, type Random } from '@headroom/bench';

const SERVICES = ['api-gateway', 'booking', 'payments', 'search', 'auth', 'notifier', 'scheduler'];
const PATHS = ['/v1/reservations', '/v1/flights/search', '/v1/users', '/v1/payments/charge', '/healthz'];
const MESSAGES = [
  'request completed',
  'cache miss, fetching from upstream',
  'retrying after transient failure',
  'slow query detected',
  'connection pool exhausted, waiting',
  'token refreshed',
  'payload validated',
];
const SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|fim_prefix|>', '<|endofprompt|>'];

const hex = (rand: Random, n: number) =>
  Array.from({ length: n }, () => '0123456789abcdef'[int(rand, 0, 15)]).join('');

/** Application log lines (plain, key=value, JSON, stack traces); ASCII only, at least `bytes` long. */
export function logLines(rand: Random, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  let t = Date.UTC(2024, 4, 15, 15, 0, 0);
  while (size < bytes) {
    t += int(rand, 0, 2500);
    const ts = new Date(t).toISOString();
    const service = pick(rand, SERVICES);
    const level = rand() < 0.08 ? 'ERROR' : rand() < 0.2 ? 'WARN' : rand() < 0.5 ? 'DEBUG' : 'INFO';
    const req = hex(rand, 16);
    let line: string;
    if (rand() < 0.25) {
      line = JSON.stringify({ ts, level: level.toLowerCase(), service, req, msg: pick(rand, MESSAGES) });
    } else {
      line =
        `${ts} ${level.padEnd(5)} [${service}] req=${req} method=${rand() < 0.7 ? 'GET' : 'POST'} ` +
        `path=${pick(rand, PATHS)}/${hex(rand, 6).toUpperCase()} status=${level === 'ERROR' ? 500 : 200} ` +
        `dur=${(rand() * 900).toFixed(1)}ms ip=10.${int(rand, 0, 255)}.${int(rand, 0, 255)}.${int(rand, 1, 254)} ` +
        pick(rand, MESSAGES);
    }
    // Prompts echoed into logs carry special-token literals, which must count as plain text.
    if (rand() < 0.05)
      line += ` prompt="${pick(rand, SPECIALS)}You are a helpful assistant.${pick(rand, SPECIALS)}"`;
    if (level === 'ERROR') {
      line +=
        `\nError: upstream ${service} returned 500\n` +
        `    at handle (/srv/app/src/routes/${service}.ts:${int(rand, 10, 400)}:${int(rand, 2, 40)})\n` +
        `    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

const EMOJI = [
  '😀',
  '😂',
  '🥲',
  '😍',
  '🤔',
  '🙏',
  '👍',
  '👍🏽',
  '👋🏿',
  '🔥',
  '✨',
  '🚀',
  '✈️',
  '🛫',
  '🧳',
  '💳',
  '📅',
  '✅',
  '❌',
  '⚠️',
  '❤️',
  '🇺🇸',
  '🇯🇵',
  '🇩🇪',
  '👩‍💻',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🧑🏻‍✈️',
  '1️⃣',
  '©️',
  '🫠',
  '🪐',
];
const CHAT_WORDS = [
  'flight',
  'booked',
  'thanks',
  'delayed',
  'gate',
  'upgrade',
  'lol',
  'ok',
  'see you',
  'landed',
];

/** Chat-style lines dense in emoji: ZWJ sequences, skin tones, flags, keycaps. */
export function emojiChat(rand: Random, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const parts: string[] = [];
    for (let i = int(rand, 3, 12); i > 0; i--) {
      parts.push(rand() < 0.6 ? pick(rand, EMOJI).repeat(int(rand, 1, 3)) : pick(rand, CHAT_WORDS));
    }
    const line = parts.join(rand() < 0.5 ? ' ' : '');
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return lines.join('\n');
}

/** Text with long runs of spaces, tabs and newlines, as in padded tables and badly formatted output. */
export function whitespaceRuns(rand: Random, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const run = pick(rand, [' ', ' ', '\t', '\n', '\r\n', ' \n']).repeat(
      int(rand, 1, rand() < 0.1 ? 2000 : 80),
    );
    const part = `${run}${pick(rand, CHAT_WORDS)}:${int(rand, 0, 9999)}`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}
