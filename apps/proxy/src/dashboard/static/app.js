// Polls /stats every 2 s and renders cards and two SVG charts. No framework, no external requests.
const SVG = 'http://www.w3.org/2000/svg';
const history = [];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const $ = (id) => document.getElementById(id);

function el(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function barChart(svg, entries) {
  svg.replaceChildren();
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const rowH = 24;
  svg.setAttribute('height', String(Math.max(40, entries.length * rowH + 10)));
  entries.forEach(([label, value], i) => {
    const y = 5 + i * rowH;
    svg.append(el('text', { x: 8, y: y + 15 }, label));
    svg.append(
      el('rect', {
        class: 'bar',
        x: 110,
        y,
        width: Math.max(1, (value / max) * 420),
        height: rowH - 6,
        'data-type': label,
      }),
    );
    svg.append(el('text', { x: 116 + (value / max) * 420, y: y + 15 }, fmt(value)));
  });
  if (entries.length === 0) svg.append(el('text', { x: 8, y: 24 }, 'nothing compressed yet'));
}

function trend(svg, points) {
  svg.replaceChildren();
  if (points.length < 2) return;
  const max = Math.max(1, ...points);
  const w = 640 / (points.length - 1);
  const d = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${(i * w).toFixed(1)},${(110 - (p / max) * 100).toFixed(1)}`)
    .join(' ');
  svg.append(el('path', { class: 'line', d }));
}

function render(s) {
  $('meta').textContent =
    `v${s.version} · mode ${s.mode} · store ${s.store.kind} ${s.store.ok ? 'up' : 'DOWN'} · up ${s.uptimeS}s`;
  $('requests').textContent = fmt(s.requests.total);
  $('providers').textContent = Object.entries(s.requests.byProvider)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(' · ');
  $('saved').textContent = fmt(s.tokens.saved);
  $('savedPct').textContent = `${s.tokens.savedPct}% of ${fmt(s.tokens.before)} tokens sent`;
  // Local savings scaled by each family's learned provider/local ratio (calibrating below 5 samples).
  $('providerSaved').textContent = fmt(s.tokens.providerSaved);
  $('calibration').textContent =
    Object.entries(s.tokens.calibration)
      .map(([f, c]) => `${f} ×${c.ratio.toFixed(2)}${c.calibrated ? '' : ` (calibrating, ${c.samples})`}`)
      .join(' · ') || 'not calibrated yet';
  $('lifetime').textContent = fmt(s.lifetime.tokensSaved);
  $('lifetimeSince').textContent = s.lifetime.since ? `since ${s.lifetime.since}` : '';
  const u = s.usage;
  const input = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  $('cacheShare').textContent = input > 0 ? `${((u.cacheReadTokens / input) * 100).toFixed(1)}%` : '–';
  $('cacheDetail').textContent = `read ${fmt(u.cacheReadTokens)} · write ${fmt(u.cacheWriteTokens)}`;
  $('retrievals').textContent = fmt(s.ccr.retrievals);
  $('ccrDetail').textContent =
    `${fmt(s.ccr.rounds)} rounds · ${fmt(s.ccr.misses)} misses · ${fmt(s.ccr.droppedMixed)} dropped`;
  $('overhead').textContent = `${s.latency.overheadMs.p50} ms`;
  const fo = Object.entries(s.failOpen)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ');
  $('failOpen').textContent = `p99 ${s.latency.overheadMs.p99} ms${fo ? ` · fail-open ${fo}` : ''}`;
  barChart(
    $('byType'),
    Object.entries(s.tokens.byType).sort((a, b) => b[1] - a[1]),
  );
  history.push(s.tokens.saved);
  if (history.length > 120) history.shift();
  trend($('trend'), history);
}

async function poll() {
  try {
    const r = await fetch('/stats', { cache: 'no-store' });
    if (r.ok) render(await r.json());
  } catch {
    $('meta').textContent = 'proxy unreachable';
  }
}

poll();
setInterval(poll, 2000);
