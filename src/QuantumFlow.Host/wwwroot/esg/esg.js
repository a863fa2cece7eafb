// The /esg dashboard: scorecards with a radar of the 15 components, the what-if simulator, the portfolio view and
// the alert list, all drawn from /api/esg. Charts use Chart.js when /lib/chart.umd.min.js is there; without it the
// tables and numbers still work.
"use strict";

const api = "/api/esg";
const state = { profile: "original", companies: [], scores: [], selected: null, levers: [], ownHoldings: null, charts: {} };
const $ = (id) => document.getElementById(id);
const fmt = (x) => (Math.round(x * 100) / 100).toFixed(2);
const signed = (x) => (x > 0 ? "+" : "") + fmt(x);
const componentLabels = {
  Co2: "CO2", Water: "Water", Renewable: "Renewable", Recycling: "Recycling", Compliance: "Compliance",
  Satisfaction: "Satisfaction", Diversity: "Diversity", Safety: "Safety", Community: "Community", SupplyChain: "Supply chain",
  BoardIndependence: "Board indep.", FemaleBoard: "Female board", Compensation: "CEO pay", Audit: "Audit", ShareholderRights: "Shareholder rights",
};

async function request(path, options) {
  const response = await fetch(api + path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    // RFC 7807 problem details: the detail names the row and field at fault.
    throw new Error((body && (body.detail || body.title)) || `${response.status} ${response.statusText}`);
  }
  return body;
}

function showError(error) {
  const box = $("esg-error");
  box.textContent = error ? error.message || String(error) : "";
  box.hidden = !error;
}

function chart(key, canvasId, config) {
  if (typeof Chart === "undefined") return;
  if (state.charts[key]) state.charts[key].destroy();
  state.charts[key] = new Chart($(canvasId), config);
}

function badge(element, rating) {
  element.textContent = `${rating.code} · ${rating.label}`;
  element.style.background = rating.colour;
  element.dataset.rating = rating.code;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value; else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// ---- scorecards ----

function renderTabs() {
  const tabs = $("scorecard-tabs");
  tabs.replaceChildren(...state.companies.map((c) => {
    const button = el("button", { type: "button", role: "tab", "data-company": c.id, "aria-selected": String(c.id === state.selected) }, c.name);
    button.addEventListener("click", () => { state.selected = c.id; renderTabs(); renderScorecard(); });
    return button;
  }));
}

function renderScorecard() {
  const score = state.scores.find((s) => s.companyId === state.selected);
  const company = state.companies.find((c) => c.id === state.selected);
  if (!score || !company) return;
  $("scorecard-overall").textContent = fmt(score.overall);
  badge($("scorecard-rating"), score.rating);
  $("scorecard-pillars").replaceChildren(...[["Environmental", score.environmental], ["Social", score.social], ["Governance", score.governance]]
    .map(([name, value]) => {
      const fill = el("div");
      fill.style.width = `${Math.min(100, value)}%`;
      return el("div", { class: "pillar", "data-pillar": name }, el("span", {}, name), el("div", { class: "bar" }, fill), el("span", { class: "num" }, fmt(value)));
    }));
  const metrics = [
    ["CO2 emissions", `${company.co2Emissions.toLocaleString("en")} t`], ["Renewable energy", `${company.renewableEnergy}%`],
    ["Employee satisfaction", company.employeeSatisfaction], ["Board independence", `${company.boardIndependence}%`],
    ["Female board share", `${company.femaleBoard}%`],
  ];
  $("scorecard-metrics").tBodies[0].replaceChildren(...metrics.map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", { class: "num" }, String(v)))));
  const names = Object.keys(score.components);
  chart("radar", "esg-radar", {
    type: "radar",
    data: {
      labels: names.map((n) => componentLabels[n] || n),
      datasets: [{ label: `${score.companyName} (${score.profile})`, data: names.map((n) => score.components[n]),
        backgroundColor: score.rating.colour + "55", borderColor: score.rating.colour, pointRadius: 2 }],
    },
    // The original profile's CEO pay component can exceed 100 (its documented defect), so the axis is not capped.
    options: { animation: false, maintainAspectRatio: false, scales: { r: { min: 0, suggestedMax: 100 } } },
  });
}

async function loadScores() {
  state.scores = await request(`/scores?profile=${state.profile}`);
  renderScorecard();
}

// ---- what-if ----

function buildSliders() {
  const form = $("whatif-sliders");
  // A handler set from script, not an onsubmit attribute: the page's CSP runs no inline script.
  form.onsubmit = (e) => e.preventDefault();
  form.replaceChildren(...state.levers.map((l) => {
    const output = el("output", { id: `whatif-value-${l.field}`, "data-testid": `whatif-value-${l.field}` }, `0 ${l.unit}`);
    const input = el("input", { type: "range", id: `whatif-${l.field}`, "data-field": l.field, "data-testid": `whatif-slider-${l.field}`,
      min: l.min, max: l.max, step: l.step, value: 0, "aria-label": l.label });
    input.addEventListener("input", () => { output.textContent = `${input.value > 0 ? "+" : ""}${input.value} ${l.unit}`; scheduleWhatIf(); });
    return el("div", { class: "slider" }, el("label", { for: input.id }, el("span", {}, l.label), output), input);
  }));
}

let whatIfTimer = 0;
let whatIfSeq = 0;
function scheduleWhatIf() {
  $("whatif-result").dataset.state = "loading";
  clearTimeout(whatIfTimer);
  whatIfTimer = setTimeout(runWhatIf, 250); // debounce: one request once the slider rests
}

async function runWhatIf() {
  const seq = ++whatIfSeq;
  const body = { company: $("whatif-company").value, profile: state.profile };
  for (const input of document.querySelectorAll("#whatif-sliders input[data-field]")) body[input.dataset.field] = Number(input.value);
  try {
    const r = await request("/what-if", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (seq !== whatIfSeq) return; // a later request is on its way
    renderWhatIf(r);
    showError(null);
    $("whatif-result").dataset.state = "ready";
  } catch (error) {
    if (seq !== whatIfSeq) return;
    $("whatif-result").dataset.state = "error";
    showError(error);
  }
}

function renderWhatIf(r) {
  $("whatif-overall").textContent = fmt(r.projected.overall);
  const delta = $("whatif-delta");
  delta.textContent = signed(r.overallDelta);
  delta.className = "delta " + (r.overallDelta > 0 ? "up" : r.overallDelta < 0 ? "down" : "");
  badge($("whatif-rating"), r.projected.rating);
  $("whatif-rating-changed").textContent = r.ratingChanged ? `changed from ${r.baseline.rating.code}` : "no change";
  $("whatif-rating-changed").dataset.changed = String(r.ratingChanged);
  $("whatif-e-delta").textContent = signed(r.environmentalDelta);
  $("whatif-s-delta").textContent = signed(r.socialDelta);
  $("whatif-g-delta").textContent = signed(r.governanceDelta);
  $("whatif-insight").textContent = r.insight;
  const pick = (s) => [s.environmental, s.social, s.governance, s.overall];
  chart("whatif", "whatif-chart", {
    type: "bar",
    data: { labels: ["E", "S", "G", "Overall"], datasets: [
      { label: "Baseline", data: pick(r.baseline), backgroundColor: "#98a2b3" },
      { label: "Scenario", data: pick(r.projected), backgroundColor: "#2f6fde" }] },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } },
  });
}

function resetSliders() {
  for (const input of document.querySelectorAll("#whatif-sliders input[data-field]")) {
    input.value = 0;
    input.dispatchEvent(new Event("input"));
  }
}

// ---- portfolio ----

async function loadPortfolio() {
  const analysis = state.ownHoldings
    ? await request(`/portfolio?profile=${state.profile}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: state.ownHoldings })
    : await request(`/portfolio?profile=${state.profile}`);
  renderPortfolio(analysis);
}

function renderPortfolio(a) {
  const tile = (label, value, id) => el("div", { class: "tile" }, el("small", {}, label), el("span", { "data-testid": id }, value));
  $("portfolio-summary").replaceChildren(
    tile("Portfolio", a.portfolio, "portfolio-name"), tile("Weighted score", fmt(a.weightedScore), "portfolio-score"),
    tile("Rating", a.rating.code, "portfolio-rating"), tile("Holdings", String(a.holdings.length), "portfolio-count"),
    tile("Leaders (≥ 70)", String(a.leaders.length), "portfolio-leaders"), tile("Laggards (< 50)", String(a.laggards.length), "portfolio-laggards"));
  const rows = [...a.holdings].sort((x, y) => y.score.overall - x.score.overall).map((h) => {
    const score = el("td", { class: "num" }, fmt(h.score.overall));
    // Gradient from red (0) through yellow to green (100), like the seed's coloured table.
    score.style.background = `hsl(${Math.round(1.2 * h.score.overall)}, 70%, 85%)`;
    const rating = el("span", { class: "badge" });
    badge(rating, h.score.rating);
    return el("tr", { "data-company": h.companyId }, el("td", {}, h.score.companyName), el("td", {}, h.score.sector),
      el("td", { class: "num" }, `${(h.weight * 100).toFixed(1)}%`), score, el("td", {}, rating));
  });
  $("portfolio-table").tBodies[0].replaceChildren(...rows);
  const sectors = Object.keys(a.scoreBySector);
  chart("sector", "portfolio-sector-chart", {
    type: "bar",
    data: { labels: sectors, datasets: [{ label: "Average score by sector", data: sectors.map((s) => a.scoreBySector[s]), backgroundColor: "#2f6fde" }] },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } },
  });
  const codes = Object.keys(a.ratingDistribution).filter((c) => a.ratingDistribution[c] > 0);
  const colours = { AAA: "#00A86B", AA: "#50C878", A: "#90EE90", BBB: "#FFD700", BB: "#FFA500", B: "#FF6347" };
  chart("rating", "portfolio-rating-chart", {
    type: "pie",
    data: { labels: codes, datasets: [{ data: codes.map((c) => a.ratingDistribution[c]), backgroundColor: codes.map((c) => colours[c]) }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: "Rating distribution" } } },
  });
}

async function uploadHoldings(file) {
  if (!file) return;
  state.ownHoldings = await file.text();
  try {
    await loadPortfolio();
    showError(null);
  } catch (error) {
    state.ownHoldings = null;
    showError(error);
  }
}

// ---- alerts ----

async function loadAlerts() {
  const query = new URLSearchParams({ profile: state.profile });
  for (const [param, id] of [["severity", "alert-severity"], ["category", "alert-category"], ["company", "alert-company"]]) {
    if ($(id).value) query.set(param, $(id).value);
  }
  const alerts = await request(`/alerts?${query}`);
  $("alert-count").textContent = `${alerts.length} alert${alerts.length === 1 ? "" : "s"}`;
  $("alert-list").replaceChildren(...alerts.map((a) => el("li", { "data-severity": a.severity, "data-category": a.category, "data-company": a.companyId },
    el("div", { class: "head" }, el("span", {}, a.severity.toUpperCase()), el("span", {}, a.companyName), el("span", { class: "muted" }, a.category)),
    el("div", {}, a.message), el("div", { class: "action" }, "Recommended: " + a.recommendedAction))));
}

// ---- wiring ----

async function refreshAll() {
  const profile = (await request("/profiles")).find((p) => p.name === state.profile);
  $("esg-profile-description").textContent = profile ? profile.description : "";
  await Promise.all([loadScores(), loadPortfolio(), loadAlerts()]);
  await runWhatIf();
}

async function start() {
  try {
    [state.companies, state.levers] = await Promise.all([request("/companies"), request("/what-if/levers")]);
    state.selected = state.companies[0]?.id ?? null;
    const options = () => state.companies.map((c) => el("option", { value: c.id }, c.name));
    $("whatif-company").replaceChildren(...options());
    $("alert-company").append(...options());
    renderTabs();
    buildSliders();
    $("esg-profile").addEventListener("change", (e) => { state.profile = e.target.value; refreshAll().catch(showError); });
    $("whatif-company").addEventListener("change", scheduleWhatIf);
    $("whatif-reset").addEventListener("click", resetSliders);
    $("portfolio-file").addEventListener("change", (e) => uploadHoldings(e.target.files[0]));
    $("portfolio-shipped").addEventListener("click", () => { state.ownHoldings = null; $("portfolio-file").value = ""; loadPortfolio().catch(showError); });
    for (const id of ["alert-severity", "alert-category", "alert-company"]) $(id).addEventListener("change", () => loadAlerts().catch(showError));
    await refreshAll();
    document.body.dataset.ready = "true";
  } catch (error) {
    showError(error);
  }
}

document.addEventListener("DOMContentLoaded", start);
