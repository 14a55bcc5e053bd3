/** Realistic tool outputs for router tests: seeded, so every run sees the same bytes. */
import { int, pick, prng } from '@headroom/bench';

export function jsonItems(n: number, seed = 1): string {
  const rand = prng(seed);
  const items = Array.from({ length: n }, (_, i) => ({
    id: `ord_${1000 + i}`,
    customer: `user_${int(rand, 1, 40)}`,
    status: i === Math.floor(n * 0.6) ? 'failed' : 'shipped',
    total: int(rand, 10, 500),
    created_at: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
  }));
  return JSON.stringify(items, null, 2);
}

const VERBS = ['fetch', 'parse', 'retry', 'render', 'flush', 'merge', 'split', 'trace', 'load', 'store'];
const NOUNS = ['Order', 'User', 'Invoice', 'Session', 'Token', 'Queue', 'Batch', 'Report', 'Cache', 'Route'];

export function grepOutput(n: number, seed = 2): string {
  const rand = prng(seed);
  return Array.from({ length: n }, () => {
    const [verb, noun, other] = [pick(rand, VERBS), pick(rand, NOUNS), pick(rand, NOUNS)];
    return `src/services/${noun.toLowerCase()}.ts:${int(rand, 1, 900)}:  const ${verb}${other} = await client.${verb}${noun}(${other.toLowerCase()}Id);`;
  }).join('\n');
}

export function logOutput(n: number): string {
  return Array.from({ length: n }, (_, i) => {
    const level = i === Math.floor(n / 2) ? 'ERROR' : 'INFO';
    const msg =
      level === 'ERROR'
        ? 'payment gateway timeout after 30000ms'
        : `processed batch ${i} in ${(i * 7) % 90}ms`;
    return `2026-11-30T12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z ${level} worker-${i % 4} ${msg}`;
  }).join('\n');
}

export function prose(paragraphs: number): string {
  const topics = ['caching', 'retries', 'timeouts', 'rate limits', 'backpressure', 'idempotency'];
  return Array.from(
    { length: paragraphs },
    (_, i) =>
      `The service handles ${topics[i % topics.length]} in layer ${i}. Requests that arrive while the pool is saturated wait in a bounded queue, and callers are told when it is full. This keeps latency predictable for paragraph ${i}.`,
  ).join('\n\n');
}

export function pythonSource(functions: number): string {
  const parts = ['import os', 'import json', 'from typing import Any', ''];
  for (let i = 0; i < functions; i++) {
    parts.push(
      `def handler_${i}(event: dict, context: Any) -> dict:`,
      `    """Handles event type ${i}."""`,
      `    payload = json.loads(event["body"])`,
      `    if not payload:`,
      `        raise ValueError("empty payload ${i}")`,
      `    total = 0`,
      `    for item in payload["items"]:`,
      `        total += item["price"] * item["quantity"]`,
      `    os.environ.get("REGION", "eu-west-1")`,
      `    return {"statusCode": 200, "body": json.dumps({"total": total, "handler": ${i}})}`,
      '',
    );
  }
  return parts.join('\n');
}
