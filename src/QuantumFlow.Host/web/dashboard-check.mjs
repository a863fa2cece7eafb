// Browser check of the dashboard, run by the .NET browser test (tests/QuantumFlow.Host.Tests/Web/DashboardBrowserTests.cs):
// opens URL in headless Debian chromium (never a downloaded browser), waits until live values have been drawn
// (a page condition), saves a full-page screenshot and prints what it saw as one JSON line.
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
  await page.waitForFunction(() => window.qf && window.qf.books >= 3 && window.qf.predictions >= 3 && window.qf.statuses >= 1
      && document.getElementById("prediction-class").textContent !== "–", null, { timeout, polling: 100 });
  const seen = await page.evaluate(() => ({
    symbol: window.qf.symbol,
    books: window.qf.books,
    predictions: window.qf.predictions,
    mid: document.getElementById("mid").textContent,
    prediction: document.getElementById("prediction-class").textContent,
    models: document.querySelectorAll("#prediction-models .row").length,
    ladderRows: document.querySelectorAll("#ladder tr.bid, #ladder tr.ask").length,
    ready: document.getElementById("ready").textContent,
    connection: document.getElementById("connection").textContent,
  }));
  await page.screenshot({ path: shot, fullPage: true });
  console.log(JSON.stringify({ ...seen, errors }));
} catch (e) {
  console.log(JSON.stringify({ failed: String(e), errors }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
