// Browser check of the dashboard, run by the .NET browser test (tests/QuantumFlow.Host.Tests/Web/DashboardBrowserTests.cs):
// opens URL in headless Debian chromium (never a downloaded browser), waits until live values have been drawn
// (a page condition), saves a full-page screenshot and prints what it saw as one JSON line: the hit rates' labels, how
// much of its width the heatmap has drawn, repeated axis labels, the top row's gap, and (on a second page whose hub
// is unreachable) whether the charts without data show a note rather than axes.
// Usage: node dashboard-check.mjs URL SCREENSHOT.png [TIMEOUT_MS]
import { args, launch } from "./browser.mjs";

const { url, shot, timeout } = args("dashboard-check.mjs", 20000);
const browser = await launch();
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("pageerror", e => errors.push(String(e)));
  page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url, { waitUntil: "load" });
  // Some replay first: every book update adds a heatmap column, so 30 updates are 30 columns.
  await page.waitForFunction(() => window.qf && window.qf.books >= 30 && window.qf.predictions >= 3 && window.qf.statuses >= 1
      && document.getElementById("prediction-class").textContent !== "–", null, { timeout, polling: 100 });
  const seen = await page.evaluate(() => {
    function heatmapBins() {
      // Ten vertical strips of the heatmap; a strip is drawn when any pixel differs from the background (#0b0e12).
      const canvas = document.getElementById("heatmap");
      const { width, height } = canvas;
      const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
      const bins = Array(10).fill(false);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const o = 4 * (y * width + x);
          if (data[o] !== 11 || data[o + 1] !== 14 || data[o + 2] !== 18) bins[Math.min(9, Math.floor(10 * x / width))] = true;
        }
      }
      return bins.filter(Boolean).length;
    }

    function topRowGap() {
      // Pixels between the right edge of the top row's last panel and the grid's content edge.
      const main = document.querySelector("main");
      const panels = [...main.children].map(p => p.getBoundingClientRect());
      const top = Math.min(...panels.map(r => r.top));
      const right = Math.max(...panels.filter(r => Math.abs(r.top - top) < 1).map(r => r.right));
      return Math.round(main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight) - right);
    }

    return {
      symbol: window.qf.symbol,
      books: window.qf.books,
      predictions: window.qf.predictions,
      mid: document.getElementById("mid").textContent,
      prediction: document.getElementById("prediction-class").textContent,
      models: document.querySelectorAll("#prediction-models .row").length,
      ladderRows: document.querySelectorAll("#ladder tr.bid, #ladder tr.ask").length,
      ready: document.getElementById("ready").textContent,
      connection: document.getElementById("connection").textContent,
      paperHitLabel: document.getElementById("paper-hit-label").textContent,
      ensembleHitLabel: document.getElementById("ensemble-hit-label").textContent,
      heatmapBins: heatmapBins(),
      // Every axis of every chart with data: a label written twice on one axis says nothing.
      repeatedTicks: ["mid-chart", "depth-chart", "weights-chart"].flatMap(id => {
        const chart = Chart.getChart(id);
        return Object.entries(chart.scales).filter(([, s]) => s.options.display !== false).flatMap(([axis, s]) => {
          const labels = s.ticks.map(t => String(t.label));
          return labels.filter((l, i) => labels.indexOf(l) !== i).map(l => `${id} ${axis}: ${l}`);
        });
      }),
      topRowGap: topRowGap(),
    };
  });

  // The same page with no hub: no data ever comes, and no chart may draw axes of nothing.
  const idle = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await idle.route("**/hubs/**", r => r.abort());
  await idle.route("**/api/**", r => r.abort());
  await idle.goto(url, { waitUntil: "load" });
  await idle.waitForFunction(() => document.getElementById("connection").textContent === "cannot connect", null, { timeout, polling: 100 });
  seen.emptyCharts = await idle.evaluate(() => [...document.querySelectorAll("[data-empty]")].map(c => ({
    chart: c.querySelector("canvas").id,
    empty: c.dataset.empty === "true",
    canvasHidden: getComputedStyle(c.querySelector("canvas")).visibility === "hidden",
    note: c.querySelector(".empty-note").offsetParent !== null ? c.querySelector(".empty-note").textContent : null,
  })));
  await idle.close();
  await page.screenshot({ path: shot, fullPage: true });
  console.log(JSON.stringify({ ...seen, errors }));
} catch (e) {
  console.log(JSON.stringify({ failed: String(e), errors }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
