// Browser check of the Scalar API reference page, run by the .NET browser test
// (tests/QuantumFlow.Host.Tests/Web/ScalarBrowserTests.cs): opens URL/scalar/ in headless Debian chromium, waits until
// the OpenAPI document is drawn, and prints every request the page made to another origin (fonts from a CDN,
// telemetry) and every console error, as one JSON line. A node often runs where nothing outside is reachable.
// Usage: node scalar-check.mjs URL SCREENSHOT.png [TIMEOUT_MS]
import { args, launch } from "./browser.mjs";

const { url, shot, timeout } = args("scalar-check.mjs", 20000);
const browser = await launch();
const errors = [];
const outside = [];
// Requests not yet answered, so a check that times out says what it was still waiting for.
const pending = new Map();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(timeout);
  const origin = new URL(url).origin;
  page.on("request", r => {
    const u = new URL(r.url());
    if (u.protocol.startsWith("http") && u.origin !== origin) outside.push(r.url());
    pending.set(r, Date.now());
  });
  page.on("requestfinished", r => pending.delete(r));
  page.on("requestfailed", r => { pending.delete(r); errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`); });
  page.on("pageerror", e => errors.push(String(e)));
  page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  // Wait for the document, not for every subresource: what matters is that the reference is drawn, which the next
  // line waits for; then let the page settle so late font requests are seen.
  await page.goto(new URL("scalar/", url).toString(), { waitUntil: "domcontentloaded" });
  await page.getByText("/api/symbols", { exact: false }).first().waitFor();
  await page.waitForLoadState("networkidle");
  const seen = { title: await page.title(), operations: await page.getByText("/api/", { exact: false }).count() };
  await page.screenshot({ path: shot });
  console.log(JSON.stringify({ ...seen, outside, errors }));
} catch (e) {
  const waiting = [...pending].map(([r, since]) => `${r.url()} (${Date.now() - since} ms)`);
  console.log(JSON.stringify({ failed: String(e), waiting, outside, errors }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
