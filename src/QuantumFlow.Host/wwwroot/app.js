// QuantumFlow dashboard: one SignalR connection (/hubs/market), updates rendered at most once per animation frame.
// The server already throttles each (symbol, kind) to ~10/s, latest wins; here only the newest of each kind is drawn.
"use strict";

const MAX_POINTS = 600;         // mid-price / weights / P&L history kept per chart
const HEAT_COLUMNS = 240;       // heatmap time columns
const HEAT_ROWS = 80;           // heatmap price rows around the mid
const LADDER_LEVELS = 12;

const $ = id => document.getElementById(id);
const fmt = (x, d = 2) => x === null || x === undefined || !isFinite(x) ? "–" : Number(x).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = x => x === null || x === undefined || !isFinite(x) ? "–" : (100 * x).toFixed(1) + "%";
const escapeHtml = s => String(s ?? "").replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

// Live counters the browser test waits on (a page condition, not a timer).
window.qf = { books: 0, predictions: 0, statuses: 0, symbol: null };

let symbol = new URLSearchParams(location.search).get("symbol");
const pending = {};              // kind -> latest payload not drawn yet
let frameRequested = false;
const heat = [];
const hitRates = {};              // model -> live hit rate (GET /api/models, every 5 s)                 // [{mid, levels:[[price,size,side]]}]
let tickSize = null;

Chart.defaults.color = "#7d8a99";
Chart.defaults.borderColor = "#263040";
Chart.defaults.animation = false;
Chart.defaults.font.size = 11;

// Tick labels with as many decimals as the tick step needs: on a narrow range a fixed one decimal wrote one label
// five times. Chart.js passes (value, index, ticks).
function stepOf(ticks) {
  return ticks.length > 1 ? Math.abs(ticks[1].value - ticks[0].value) : 1;
}
function decimalsOf(step) {
  for (let d = 0; d < 8; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 8;
}
function priceTick(v, i, ticks) {
  return fmt(v, decimalsOf(stepOf(ticks)));
}
function timeTick(v, i, ticks) {
  const digits = Math.min(3, decimalsOf(stepOf(ticks) / 1000));
  return new Date(v).toLocaleTimeString(undefined, digits > 0 ? { hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: digits } : undefined);
}

// Redraws a chart; one with no points hides its canvas behind a "waiting" note (see app.css).
function refresh(chart) {
  chart.update("none");
  chart.canvas.parentNode.dataset.empty = String(!chart.data.datasets.some(d => d.data.length > 0));
}

const midChart = new Chart($("mid-chart"), {
  type: "line",
  data: { datasets: [
    { label: "mid", data: [], borderColor: "#4ea1ff", borderWidth: 1.5, pointRadius: 0, tension: 0 },
    { label: "UP predicted", type: "scatter", data: [], backgroundColor: "#26a269", pointStyle: "triangle", pointRadius: 4 },
    { label: "DOWN predicted", type: "scatter", data: [], backgroundColor: "#e5484d", pointStyle: "triangle", rotation: 180, pointRadius: 4 },
  ] },
  options: { maintainAspectRatio: false, parsing: false, normalized: true,
    scales: { x: { type: "linear", ticks: { callback: timeTick } }, y: { ticks: { callback: priceTick } } },
    plugins: { legend: { labels: { boxWidth: 10 } } } },
});

const depthChart = new Chart($("depth-chart"), {
  type: "line",
  data: { datasets: [
    { label: "bids", data: [], stepped: true, fill: true, borderColor: "#26a269", backgroundColor: "rgba(38,162,105,.2)", pointRadius: 0 },
    { label: "asks", data: [], stepped: true, fill: true, borderColor: "#e5484d", backgroundColor: "rgba(229,72,77,.2)", pointRadius: 0 },
  ] },
  options: { maintainAspectRatio: false, parsing: false, scales: { x: { type: "linear", ticks: { callback: priceTick } }, y: { title: { display: true, text: "cumulative size" } } },
    plugins: { legend: { labels: { boxWidth: 10 } } } },
});

const weightColors = ["#4ea1ff", "#f5a524", "#a371f7", "#26a269", "#e5484d", "#2dd4bf", "#eab308"];
const weightsChart = new Chart($("weights-chart"), {
  type: "line", data: { datasets: [] },
  options: { maintainAspectRatio: false, parsing: false, scales: { x: { type: "linear", ticks: { callback: timeTick } }, y: { min: 0, max: 1 } },
    plugins: { legend: { labels: { boxWidth: 10 } } } },
});

const pnlChart = new Chart($("pnl-chart"), {
  type: "line",
  data: { datasets: [{ label: "net P&L (bps)", data: [], borderColor: "#f5a524", pointRadius: 0, borderWidth: 1.5 }] },
  options: { maintainAspectRatio: false, parsing: false, scales: { x: { type: "linear", display: false } }, plugins: { legend: { display: false } } },
});

function push(series, point) {
  series.push(point);
  if (series.length > MAX_POINTS) series.splice(0, series.length - MAX_POINTS);
}

function schedule(kind, payload) {
  pending[kind] = payload;
  if (!frameRequested) { frameRequested = true; requestAnimationFrame(render); }
}

function render() {
  frameRequested = false;
  const p = Object.assign({}, pending);
  for (const k of Object.keys(pending)) delete pending[k];
  if (p.book) drawBook(p.book);
  if (p.prediction) drawPrediction(p.prediction);
  if (p.features) drawFeatures(p.features);
  if (p.paper) drawPaper(p.paper);
  if (p.arbitrage) drawArbitrage(p.arbitrage);
  if (p.trades) drawTrades(p.trades);
  if (p.status) drawStatus(p.status);
}

function drawBook(b) {
  window.qf.books++;
  $("book-state").textContent = b.valid ? "" : b.state === "Stale" ? "(stale: no market data, its feed stopped)" : "(not valid: resyncing)";
  $("mid").textContent = fmt(b.mid, 2);
  $("spread").textContent = b.spread === null ? "–" : `${fmt(b.spread, 2)} (${fmt(b.spreadBps, 2)} bps)`;
  const asks = b.asks.slice(0, LADDER_LEVELS), bids = b.bids.slice(0, LADDER_LEVELS);
  const maxSize = Math.max(1e-12, ...asks.map(l => l.size), ...bids.map(l => l.size));
  const row = (l, side) => `<tr class="${side}"><td class="size">${side === "bid" ? `<div class="bar" style="width:${(100 * l.size / maxSize).toFixed(1)}%"></div><span>${fmt(l.size, 4)}</span>` : ""}</td>` +
    `<td class="price">${fmt(l.price, 2)}</td><td class="size">${side === "ask" ? `<div class="bar" style="width:${(100 * l.size / maxSize).toFixed(1)}%"></div><span>${fmt(l.size, 4)}</span>` : ""}</td></tr>`;
  $("ladder").tBodies[0].innerHTML = asks.slice().reverse().map(l => row(l, "ask")).join("") +
    `<tr class="spread"><td colspan="3">spread ${fmt(b.spread, 2)}</td></tr>` + bids.map(l => row(l, "bid")).join("");

  if (b.mid !== null) {
    push(midChart.data.datasets[0].data, { x: b.timeMs, y: Number(b.mid) });
    trimMarkers(midChart.data.datasets[0].data[0].x);
    refresh(midChart);
  }
  // Depth: cumulative size from the touch outwards.
  let cum = 0;
  depthChart.data.datasets[0].data = b.bids.map(l => ({ x: Number(l.price), y: (cum += Number(l.size)) })).reverse();
  cum = 0;
  depthChart.data.datasets[1].data = b.asks.map(l => ({ x: Number(l.price), y: (cum += Number(l.size)) }));
  refresh(depthChart);

  if (b.mid !== null) {
    const levels = b.bids.map(l => [l.price, l.size]).concat(b.asks.map(l => [l.price, l.size]));
    if (tickSize === null && b.asks.length > 1) tickSize = Math.max(1e-8, Math.abs(b.asks[1].price - b.asks[0].price));
    heat.push({ mid: Number(b.mid), levels });
    if (heat.length > HEAT_COLUMNS) heat.shift();
    drawHeatmap();
  }
}

function trimMarkers(minX) {
  for (const ds of [midChart.data.datasets[1], midChart.data.datasets[2]]) {
    while (ds.data.length && ds.data[0].x < minX) ds.data.shift();
  }
}

function drawHeatmap() {
  const canvas = $("heatmap");
  const w = canvas.clientWidth, h = canvas.height;
  if (canvas.width !== w) canvas.width = w;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#0b0e12";
  ctx.fillRect(0, 0, w, h);
  canvas.parentNode.dataset.empty = String(heat.length === 0);
  if (heat.length === 0) return;
  // Rows are one tick while the mid stays within a few ticks; when it has moved further, rows widen so that every
  // column's mid stays in view (at one tick per row a fast replay moved the older columns off the canvas).
  const tick = tickSize || heat[heat.length - 1].mid * 1e-5;
  let lo = Infinity, hi = -Infinity;
  for (const c of heat) { lo = Math.min(lo, c.mid); hi = Math.max(hi, c.mid); }
  const center = (lo + hi) / 2;
  const step = Math.max(tick, (hi - lo) / (HEAT_ROWS / 2));
  // The columns there are span the width (wide at first, HEAT_COLUMNS at most), instead of the rightmost strip of it.
  const colW = w / heat.length, rowH = h / HEAT_ROWS;
  let max = 1e-12;
  for (const c of heat) for (const [, s] of c.levels) if (s > max) max = s;
  heat.forEach((c, i) => {
    const x = i * colW;
    for (const [p, s] of c.levels) {
      const row = Math.floor(HEAT_ROWS / 2 - (p - center) / step);
      if (row < 0 || row >= HEAT_ROWS) continue;
      const a = Math.min(1, Math.sqrt(s / max));
      ctx.fillStyle = p >= c.mid ? `rgba(229,72,77,${a})` : `rgba(38,162,105,${a})`;
      ctx.fillRect(x, row * rowH, Math.ceil(colW), Math.ceil(rowH));
    }
    const midRow = HEAT_ROWS / 2 - (c.mid - center) / step;
    ctx.fillStyle = "#f5f5f5";
    ctx.fillRect(x, midRow * rowH, Math.ceil(colW), 1);
  });
}

function probBar(d, f, u) {
  return `<div class="prob"><span class="d" style="width:${100 * d}%"></span><span class="f" style="width:${100 * f}%"></span><span class="u" style="width:${100 * u}%"></span></div>`;
}

function drawPrediction(p) {
  window.qf.predictions++;
  const el = $("prediction-class");
  el.textContent = p.predicted;
  el.className = p.predicted;
  $("prediction-confidence").textContent = pct(p.confidence);
  $("prediction-age").textContent = new Date(p.timeMs).toLocaleTimeString();
  $("prediction-ensemble").innerHTML = `<div class="row"><span>ensemble</span>${probBar(p.down, p.flat, p.up)}<span>${pct(p.confidence)}</span></div>`;
  $("prediction-models").innerHTML = p.models.map(m =>
    `<div class="row"><span title="${escapeHtml(m.version)}${hitRates[m.name] !== undefined ? " · live hit rate " + pct(hitRates[m.name]) : ""}">${escapeHtml(m.name)}</span>` +
    `${probBar(m.down, m.flat, m.up)}<span>w ${fmt(m.weight, 2)}</span></div>`).join("");
  $("prediction-latency").textContent = p.latencyMs !== null ? `book update → prediction ${fmt(p.latencyMs, 2)} ms · down/flat/up bars` : "";

  if (p.predicted !== "FLAT" && p.midAtPrediction > 0) {
    push(midChart.data.datasets[p.predicted === "UP" ? 1 : 2].data, { x: p.timeMs, y: p.midAtPrediction });
  }
  for (const m of p.models) {
    let ds = weightsChart.data.datasets.find(d => d.label === m.name);
    if (!ds) {
      ds = { label: m.name, data: [], pointRadius: 0, borderWidth: 1.5, borderColor: weightColors[weightsChart.data.datasets.length % weightColors.length] };
      weightsChart.data.datasets.push(ds);
    }
    push(ds.data, { x: p.timeMs, y: m.weight });
  }
  refresh(weightsChart);
}

function drawFeatures(f) {
  const names = { mid_price: "mid", micro_price: "micro-price", micro_price_bps_deviation: "micro-price − mid (bps)", ofi_L1: "OFI L1", cks_ofi_L1: "CKS OFI L1",
    volume_imbalance_ratio: "volume imbalance", depth_imbalance: "depth imbalance", rv_20: "realised vol (20)", spread_bps: "spread (bps)" };
  $("features").tBodies[0].innerHTML = Object.entries(names).filter(([k]) => k in f.values)
    .map(([k, label]) => `<tr><td>${label}</td><td>${fmt(f.values[k], Math.abs(f.values[k]) > 100 ? 2 : 4)}</td></tr>`).join("");
}

function drawPaper(p) {
  $("paper-trades").textContent = p.trades;
  $("paper-hit").textContent = p.trades ? pct(p.hitRate) : "–";
  const pnl = $("paper-pnl");
  pnl.textContent = `${fmt(p.netPnlBps, 1)} bps`;
  pnl.className = p.netPnlBps >= 0 ? "pos" : "neg";
  pnl.title = `gross ${fmt(p.grossPnlBps, 1)} bps, fees ${fmt(p.feesBps, 1)} bps (${p.takerFeeBps} bps per leg)`;
  $("ensemble-hit").textContent = p.resolved ? pct(p.ensembleHitRate) : "–";
  // Before the first trade the P&L is no series, only a flat zero: the chart keeps its "waiting for trades" note.
  if (p.trades) push(pnlChart.data.datasets[0].data, { x: Date.now(), y: p.netPnlBps });
  refresh(pnlChart);
}

function drawArbitrage(a) {
  if (a.unavailable) { $("arbitrage").innerHTML = `<span class="muted">${escapeHtml(a.unavailable)}</span>`; return; }
  $("arbitrage").innerHTML = `<table><tr class="muted"><td>buy</td><td>sell</td><td>ask $</td><td>bid $</td><td>gross</td><td>fees</td><td>net bps</td></tr>` +
    a.opportunities.map(o => `<tr><td>${escapeHtml(o.buyAt)}</td><td>${escapeHtml(o.sellAt)}</td><td>${fmt(o.buyAskUsd)}</td><td>${fmt(o.sellBidUsd)}</td>` +
      `<td>${fmt(o.grossBps, 1)}</td><td>${fmt(o.feesBps, 1)}</td><td class="${o.netBps > 0 ? "pos" : "neg"}">${fmt(o.netBps, 1)}</td></tr>`).join("") + "</table>";
}

function drawTrades(t) {
  $("trades").tBodies[0].innerHTML = t.trades.slice(-14).reverse().map(x =>
    `<tr><td class="muted">${new Date(x.timeMs).toLocaleTimeString()}</td><td class="${x.side === "Bid" ? "pos" : "neg"}">${fmt(x.price, 2)}</td><td>${fmt(x.size, 4)}</td></tr>`).join("");
}

function drawStatus(s) {
  window.qf.statuses++;
  const ready = $("ready");
  ready.textContent = s.ready ? "ready" : "not ready";
  ready.className = "chip " + (s.ready ? "ok" : "bad");
  ready.title = s.problems.join("\n");
  $("status").innerHTML =
    `<table><tr class="muted"><td>member</td><td>status</td><td>roles</td></tr>` +
    s.members.map(m => `<tr><td>${escapeHtml(m.address)}${m.address === s.selfAddress ? " (this node)" : ""}</td><td>${escapeHtml(m.status)}</td><td>${escapeHtml(m.roles.join(", "))}</td></tr>`).join("") +
    `</table><table><tr class="muted"><td>feed</td><td>state</td><td>messages</td><td>bad</td><td>reconnects</td><td>last error</td></tr>` +
    s.feeds.map(f => `<tr><td>${escapeHtml(f.name)}</td><td>${escapeHtml(f.state)}</td><td>${f.messages}</td><td>${f.badMessages}</td><td>${f.reconnects}</td><td>${escapeHtml(f.lastError ?? "")}</td></tr>`).join("") +
    `</table><table><tr class="muted"><td>book</td><td>state</td><td>journaled</td><td>events/s</td><td>resyncs</td><td>backlog</td></tr>` +
    s.books.map(b => `<tr><td>${escapeHtml(b.symbol)}</td><td class="${b.valid ? "pos" : "neg"}">${escapeHtml(b.state)}</td><td>${b.eventsJournaled}</td><td>${fmt(b.journalRate, 0)}</td><td>${b.resyncs}</td><td>${b.backlog ?? "–"}</td></tr>`).join("") +
    "</table>";
}

function resetCharts() {
  for (const c of [midChart, depthChart, pnlChart]) c.data.datasets.forEach(d => d.data = []);
  weightsChart.data.datasets = [];
  heat.length = 0;
  tickSize = null;
  [midChart, depthChart, pnlChart, weightsChart].forEach(refresh);
  drawHeatmap();
}

const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/market").withAutomaticReconnect([0, 1000, 2000, 5000, 10000]).build();
for (const kind of ["book", "prediction", "features", "paper", "arbitrage", "trades", "status"]) {
  connection.on(kind, payload => {
    if (kind !== "status" && payload.symbol && payload.symbol !== symbol && kind !== "arbitrage") return;
    schedule(kind, payload);
  });
}

async function choose(next) {
  if (next === symbol && window.qf.symbol === symbol) return;
  if (window.qf.symbol) await connection.invoke("Unsubscribe", [window.qf.symbol]);
  symbol = next;
  window.qf.symbol = next;
  resetCharts();
  await connection.invoke("Subscribe", [next]);
}

function fillSymbols(symbols) {
  const select = $("symbol");
  const have = Array.from(select.options).map(o => o.value);
  for (const s of symbols) if (!have.includes(s)) select.add(new Option(s, s));
}

async function discover() {
  // Symbols appear once their books publish; keep asking until there is one, then follow new ones every few seconds.
  const symbols = await connection.invoke("Symbols");
  fillSymbols(symbols);
  if (!window.qf.symbol && symbols.length) {
    const first = symbol && symbols.includes(symbol) ? symbol : symbols[0];
    $("symbol").value = first;
    await choose(first);
  }
}

$("symbol").addEventListener("change", e => choose(e.target.value));

async function refreshHitRates() {
  const r = await fetch("/api/models");
  if (!r.ok) return;
  for (const m of await r.json()) if (m.liveHitRate !== null) hitRates[m.name] = m.liveHitRate;
}
setInterval(() => refreshHitRates().catch(() => {}), 5000);

function setConnection(text, ok) {
  const c = $("connection");
  c.textContent = text;
  c.className = "chip " + (ok ? "ok" : "bad");
}

connection.onreconnecting(() => setConnection("reconnecting…", false));
connection.onreconnected(async () => {
  setConnection("live", true);
  if (window.qf.symbol) await connection.invoke("Subscribe", [window.qf.symbol]);
});
connection.onclose(() => setConnection("disconnected", false));

(async function start() {
  try {
    await connection.start();
    setConnection("live", true);
    await discover();
    setInterval(() => discover().catch(() => {}), window.qf.symbol ? 5000 : 1000);
  } catch (e) {
    setConnection("cannot connect", false);
    setTimeout(start, 2000);
  }
})();
