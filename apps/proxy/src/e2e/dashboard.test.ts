import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
} from '../test-utils/harness.js';
import { anthropicMessage, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

let h: Harness;
afterEach(async () => h?.close());

describe('dashboard in headless Chromium', () => {
  it('renders requests, tokens saved per content type and a chart from /stats', async () => {
    if (!CHROMIUM) throw new Error('needs Debian chromium (apt-get install -y chromium)');
    h = await startHarness({
      anthropic: () =>
        json(
          200,
          anthropicMessage([text('ok')], {
            usage: {
              input_tokens: 300,
              output_tokens: 5,
              cache_read_input_tokens: 700,
              cache_creation_input_tokens: 0,
            },
          }),
        ),
    });
    await (
      await post(`${h.proxy.url}/v1/messages`, JSON.stringify(anthropicToolRequest(bigJsonOutput(60))), {
        'anthropic-version': '2023-06-01',
      })
    ).text();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${h.proxy.url}/dashboard`);
      await page.waitForFunction("document.getElementById('requests')?.textContent === '1'");
      expect(await page.textContent('#cacheShare')).toBe('70.0%');
      expect(Number((await page.textContent('#saved'))!.replace(/,/g, ''))).toBeGreaterThan(1000);
      expect(await page.locator('#byType rect[data-type="json"]').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
