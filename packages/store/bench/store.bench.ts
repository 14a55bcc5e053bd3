import { defineSuite, type Suite } from '@headroom/bench';
import { body, entry, openBenchStores, SIZES } from './backends.js';

/** Distinct originals per run: a re-put of a known original is only a (throttled) TTL refresh. */
let counter = 0;

function putSuite(label: string, bytes: number): Suite {
  return defineSuite(
    {
      name: `put + flush (durable), ${label}`,
      minTimeMs: 600,
      maxRuns: 2000,
      setup: async () => ({ ...(await openBenchStores()), text: body(bytes) }),
      teardown: ({ close }) => close(),
    },
    (s, { stores, text }) => {
      for (const [i, { name, store }] of stores.entries()) {
        const fn = () => {
          store.put(entry(text, counter++));
          return store.flush();
        };
        if (i === 0) s.baseline(name, fn, { bytes });
        else s.add(name, fn, { bytes });
      }
    },
  );
}

function getSuite(label: string, bytes: number): Suite {
  return defineSuite(
    {
      name: `get (checksum verified), ${label}`,
      minTimeMs: 600,
      maxRuns: 2000,
      setup: async () => {
        const opened = await openBenchStores();
        const text = body(bytes);
        const hashes = new Map<string, string[]>();
        for (const { name, store } of opened.stores) {
          const list = Array.from({ length: 16 }, (_, i) => store.put(entry(text, i)));
          await store.flush();
          for (const hash of list) {
            if ((await store.get(hash))?.original !== entry(text, list.indexOf(hash)).original) {
              throw new Error(`${name} did not round-trip`);
            }
          }
          hashes.set(name, list);
        }
        return { ...opened, hashes };
      },
      teardown: ({ close }) => close(),
    },
    (s, { stores, hashes }) => {
      for (const [i, { name, store }] of stores.entries()) {
        const list = hashes.get(name)!;
        let n = 0;
        const fn = () => store.get(list[n++ % list.length]!);
        if (i === 0) s.baseline(name, fn, { bytes });
        else s.add(name, fn, { bytes });
      }
    },
  );
}

export default SIZES.flatMap(({ label, bytes }) => [putSuite(label, bytes), getSuite(label, bytes)]);
