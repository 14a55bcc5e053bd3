import type { ChatMessage } from '@headroom/core';
import { between, pickOne, type Random, seeded } from '../prng.js';
import { type ClientRequest, DAY, EPOCH, HOUR, SECOND } from './client-request.js';
import { supportSystemPrompt } from './system-prompts.js';

/** A customer as the app knows them when it builds the prompt. */
export interface Customer {
  userId: string;
  sessionId: string;
}

/** The customer lines the app writes into the prompt at the time of a request (none: a fixed prompt). */
export type CustomerContext = (customer: Customer, at: number) => string[];

const QUESTIONS = [
  'Where is my order? It was supposed to arrive yesterday.',
  'I want to return the tent, it is too small for us.',
  'Can I still change the delivery address?',
  'The zipper on my jacket broke after two weeks.',
  'Please cancel my last order.',
  'Why was I charged twice?',
];
const FOLLOW_UPS = [
  'Thanks. How long will that take?',
  'Do I need to send it back?',
  'Can you do it now please?',
  'OK, and the other order?',
];
const ANSWERS = [
  'Your order shipped on Monday and is with the carrier; the tracking shows delivery tomorrow. I am sorry for the delay.',
  'The tent is within the 30-day window, so you can return it for a full refund. I have sent the prepaid label to your email.',
  'The order is not packed yet, so I updated the address. You will get a confirmation email in a few minutes.',
  'I am sorry about the zipper. I opened a free replacement; you do not need to send the jacket back.',
];

function orderJson(rand: Random, customer: Customer): string {
  return JSON.stringify(
    {
      order_id: `NW-${between(rand, 100000, 999999)}`,
      customer_id: customer.userId,
      status: pickOne(rand, ['processing', 'packed', 'shipped', 'delivered']),
      items: Array.from({ length: between(rand, 1, 4) }, () => ({
        sku: `SKU-${between(rand, 1000, 9999)}`,
        name: pickOne(rand, [
          'Trail tent 2P',
          'Down jacket',
          'Hiking boots',
          'Daypack 24L',
          'Merino base layer',
        ]),
        quantity: between(rand, 1, 2),
        price: between(rand, 30, 400),
      })),
      shipping: {
        carrier: pickOne(rand, ['UPS', 'DHL', 'FedEx']),
        tracking: `1Z${between(rand, 10000000, 99999999)}`,
        eta: '2025-01-09',
      },
    },
    null,
    2,
  );
}

function hex(rand: Random, n: number): string {
  return Array.from({ length: n }, () => '0123456789abcdef'[between(rand, 0, 15)]).join('');
}

/**
 * Support traffic: conversations from many customers, arriving every ~40 s during business hours and
 * interleaving, each two to four questions with an order lookup now and then.
 */
export function* supportTraffic(
  context: CustomerContext,
  opts: { days?: number; hours?: number; seed?: number } = {},
): Generator<ClientRequest> {
  const rand = seeded(opts.seed ?? 11);
  const requests: ClientRequest[] = [];
  let call = 0;
  for (let day = 0; day < (opts.days ?? 2); day++) {
    let arrival = EPOCH + day * DAY + 9 * HOUR;
    const close = EPOCH + day * DAY + (9 + (opts.hours ?? 6)) * HOUR;
    while (arrival < close) {
      arrival += between(rand, 10, 70) * SECOND;
      const customer = {
        userId: `u_${between(rand, 10000, 99999)}`,
        sessionId: `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-8${hex(rand, 3)}-${hex(rand, 12)}`,
      };
      const history: ChatMessage[] = [];
      let at = arrival;
      const turns = between(rand, 2, 4);
      for (let turn = 0; turn < turns; turn++) {
        history.push({
          role: 'user',
          content: turn === 0 ? pickOne(rand, QUESTIONS) : pickOne(rand, FOLLOW_UPS),
        });
        const system = (t: number): ChatMessage => ({
          role: 'system',
          content: supportSystemPrompt(context(customer, t)),
        });
        if (rand() < 0.6) {
          requests.push({ at, messages: [system(at), ...history] });
          at += between(rand, 2, 5) * SECOND;
          const id = `call_${++call}`;
          history.push({
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id,
                type: 'function',
                function: { name: 'lookup_order', arguments: '{"order_id":"latest"}' },
              },
            ],
          });
          history.push({ role: 'tool', tool_call_id: id, content: orderJson(rand, customer) });
        }
        requests.push({ at, messages: [system(at), ...history] });
        at += between(rand, 2, 5) * SECOND;
        history.push({ role: 'assistant', content: pickOne(rand, ANSWERS) });
        at += between(rand, 20, 90) * SECOND;
      }
    }
  }
  yield* requests.sort((a, b) => a.at - b.at);
}
