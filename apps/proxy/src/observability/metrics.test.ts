import { describe, expect, it } from 'vitest';
import { Counter, Histogram } from './metrics.js';

describe('Prometheus label sets', () => {
  it('orders labels by name, so the same set in any order is one series', () => {
    const c = new Counter('x_total', 'x');
    c.inc({ b: '2', a: '1' });
    c.inc({ a: '1', b: '2' }, 2);
    expect(c.render()).toEqual(['# HELP x_total x', '# TYPE x_total counter', 'x_total{a="1",b="2"} 3']);
  });

  it('escapes backslashes, quotes and newlines in label values', () => {
    const c = new Counter('y_total', 'y');
    c.inc({ reason: 'a"b\\c\nd' });
    expect(c.render()[2]).toBe('y_total{reason="a\\"b\\\\c\\nd"} 1');
    expect(c.byLabel('reason')).toEqual({ 'a"b\\c\nd': 1 });
  });

  it('renders series without labels bare, and histograms per label set', () => {
    const c = new Counter('z_total', 'z');
    c.inc();
    expect(c.render()[2]).toBe('z_total 1');
    const h = new Histogram('d_seconds', 'd', [0.1, 1]);
    h.observe({ endpoint: 'chat' }, 0.5);
    expect(h.render()).toContain('d_seconds_bucket{endpoint="chat",le="1"} 1');
    expect(h.render()).toContain('d_seconds_count{endpoint="chat"} 1');
  });
});
