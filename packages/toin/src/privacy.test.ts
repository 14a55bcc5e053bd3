import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldHash, structureSignature, valueHash } from '@headroom/core';
import { afterAll, describe, expect, it } from 'vitest';
import { FileToinBackend } from './backend-file.js';
import { anonymizeQuery, hashField, hashValue } from './privacy.js';
import { parseQuery } from './query.js';
import { testToin } from './test-utils/workload.js';

describe('hashing', () => {
  it("hashField/hashValue are core's, so SmartCrusher and the context manager look up the same keys", () => {
    expect(hashField('status')).toBe(fieldHash('status'));
    expect(hashField('status')).toMatch(/^[0-9a-f]{8}$/);
    expect(hashValue({ b: 1, a: [true, null] })).toBe(valueHash({ a: [true, null], b: 1 }));
    expect(hashValue('1')).not.toBe(hashValue(1));
  });
});

describe('anonymizeQuery', () => {
  const h = (name: string) => fieldHash(name);
  it.each([
    ['status:failed', `${h('status')}=*`],
    ['status != "ok" AND amount >= 10', [`${h('amount')}>=*`, `${h('status')}!=*`].sort().join(' ')],
    ['user=a@b.com', `${h('user')}=*`],
    ['name like smith*', `${h('name')}~*`],
    ['id = 7 or id=8', `${h('id')}=*`],
    ['created_at < 2024-01-01', `${h('created_at')}<*`],
    ['find "exact phrase" 42', '*'],
    ['order 3f2504e0-4f89-11d3-9a0c-0305e82c3301 for jane@example.com', '*'],
    ['show all orders', ''],
    ['', ''],
  ])('%s → %s', (query, shape) => {
    expect(anonymizeQuery(query)).toBe(shape);
  });

  it('parses operators and leaves bare words for field lookups only', () => {
    expect(parseQuery('amount > 3 total not paid doc_42').terms).toEqual([
      { name: 'amount', op: 'gt' },
      { name: 'total', op: 'ne' },
    ]);
    expect(parseQuery('status failed doc_42').words).toEqual(['status', 'failed', 'doc_42']);
    expect(parseQuery('status failed').op).toBe('eq');
    expect(parseQuery('name contains smith').terms[0]?.op).toBe('contains');
  });
});

describe('privacy by construction (invariant 3)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('no planted field name, value, query or tenant reaches the export or the file', async () => {
    const planted = {
      fields: ['zq_secret_field', 'patient_ssn', 'internal_margin'],
      values: ['Zebulon Quartermaine', '078-05-1120', 'margin-0.4271-xq', 'vip_customer_zz'],
      queries: ['patient_ssn:078-05-1120', 'who is Zebulon Quartermaine', 'internal_margin > 0.4271'],
      tenant: 'ACME-Confidential-Tenant',
    };
    const dir = await mkdtemp(join(tmpdir(), 'headroom-toin-privacy-'));
    dirs.push(dir);
    const path = join(dir, 'toin.json');
    const backend = new FileToinBackend(path);
    const { toin } = testToin({}, { backend });
    const items = Array.from({ length: 40 }, (_, i) => ({
      zq_secret_field: i % 5 === 0 ? 'vip_customer_zz' : `row-${i}`,
      patient_ssn: i % 2 ? '078-05-1120' : 'Zebulon Quartermaine',
      internal_margin: i % 3 ? 'margin-0.4271-xq' : 'low',
    }));
    const signature = structureSignature(items);
    for (let round = 0; round < 12; round++) {
      for (const tenant of [undefined, planted.tenant]) {
        const t = tenant === undefined ? {} : { tenant };
        toin.recordCompression({
          signature,
          strategy: 'top_n',
          tokensBefore: 900,
          tokensAfter: 200,
          items,
          query: planted.queries[round % 3]!,
          ...t,
        });
        toin.recordRetrieval({
          signature,
          kind: 'search',
          query: planted.queries[round % 3]!,
          retrievedItems: items.slice(0, 5),
          ...t,
        });
        toin.recordEviction({ signature, retrieved: false, strategy: 'top_n', ...t });
        toin.recordDrop({ signature, count: 2, tokens: 40, ...t });
      }
    }
    toin.publishSnapshot();
    await toin.close();
    const exported = JSON.stringify(toin.export());
    const file = await readFile(path, 'utf8');
    expect(file.length).toBeGreaterThan(500);
    for (const text of [exported, file]) {
      for (const raw of [...planted.fields, ...planted.values, ...planted.queries, planted.tenant]) {
        expect(text).not.toContain(raw);
        expect(text.toLowerCase()).not.toContain(raw.toLowerCase());
      }
      // Every string in the state is a hash, a number or a known key: nothing free-form.
      const strings = [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      for (const s of strings)
        expect(s).toMatch(/^(?:[0-9a-f:]+|[a-zA-Z]+|top_n|[0-9a-f]{8}[=!<>~]{1,2}\*(?: .*)?|\*)$/);
    }
    // The learned semantics still work on hashes.
    const view = toin.pattern(signature)!;
    expect(view.fieldSemantics[fieldHash('patient_ssn')]).toBeDefined();
  });
});
