// Browser check of the ESG page, run by the .NET browser test (tests/QuantumFlow.Host.Tests/Esg/EsgBrowserTests.cs):
// opens URL/esg in headless Debian chromium, waits for the scorecards, moves two what-if sliders and waits for the
// server's answer, filters the alerts, switches the profile, saves a screenshot and prints what it saw as one JSON line.
// Usage: node esg-check.mjs URL SCREENSHOT.png [TIMEOUT_MS]
import { args, launch } from "./browser.mjs";

const { url, shot, timeout } = args("esg-check.mjs", 20000);
const browser = await launch();
const errors = [];
const text = (page, selector) => page.textContent(selector).then(t => (t ?? "").trim());
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
  page.setDefaultTimeout(timeout);
  page.on("pageerror", e => errors.push(String(e)));
  page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  // The documented address (/esg); /esg.html serves the same file.
  await page.goto(new URL("esg", url).toString(), { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]");
  const seen = {
    overall: await text(page, "#scorecard-overall"),
    rating: await page.getAttribute("#scorecard-rating", "data-rating"),
    alerts: await text(page, "#alert-count"),
    portfolioScore: await text(page, "[data-testid=portfolio-score]"),
    charts: await page.evaluate(() => typeof window.Chart === "function"),
  };

  // What-if: more renewable energy and satisfaction for one company; the result comes back from the server.
  await page.selectOption("#whatif-company", "consumergoods");
  await page.locator("input[data-field=renewable]").fill("30");
  await page.locator("input[data-field=satisfaction]").fill("20");
  await page.waitForFunction(() => document.querySelector("#whatif-result").dataset.state === "ready"
      && document.querySelector("#whatif-delta").textContent.trim() !== "0.00", null, { polling: 100 });
  seen.whatIfOverall = await text(page, "#whatif-overall");
  seen.whatIfDelta = await text(page, "#whatif-delta");

  await page.selectOption("#alert-severity", "High");
  await page.waitForFunction(() => document.querySelectorAll("#alert-list li").length > 0
      && [...document.querySelectorAll("#alert-list li")].every(li => li.dataset.severity === "High"), null, { polling: 100 });
  seen.highAlerts = await page.locator("#alert-list li").count();

  await page.selectOption("#esg-profile", "recommended");
  await page.waitForFunction(before => document.querySelector("#scorecard-overall").textContent.trim() !== before, seen.overall, { polling: 100 });
  seen.recommendedOverall = await text(page, "#scorecard-overall");
  await page.screenshot({ path: shot, fullPage: true });
  console.log(JSON.stringify({ ...seen, errors }));
} catch (e) {
  console.log(JSON.stringify({ failed: String(e), errors }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
