// Dyad page: cooperation above the axis, conflict below, the mean Goldstein as a line,
// the event-type mix, and the events behind a period.
"use strict";

const QUADS = [
  ["verbal_cooperation", "var(--coop-light)", 1],
  ["material_cooperation", "var(--coop)", 1],
  ["verbal_conflict", "var(--conflict-light)", -1],
  ["material_conflict", "var(--conflict)", -1],
];
const ROOT_NAMES = {};

function periodEnd(period, freq) {
  const day = new Date(period + "T00:00:00Z");
  if (freq === "day") return period;
  if (freq === "week") day.setUTCDate(day.getUTCDate() + 6);
  else { day.setUTCMonth(day.getUTCMonth() + 1); day.setUTCDate(0); }
  return day.toISOString().slice(0, 10);
}

function drawChart(series, onPick) {
  const width = 1000, height = 340, left = 44, right = 44, top = 14, bottom = 30;
  const plotWidth = width - left - right, middle = top + (height - top - bottom) / 2, half = (height - top - bottom) / 2;
  const up = (row) => row.verbal_cooperation + row.material_cooperation;
  const down = (row) => row.verbal_conflict + row.material_conflict;
  // The scale's top is an even count, so the half-way gridline is a whole number too.
  const highest = Math.max(1, ...series.map((row) => Math.max(up(row), down(row))));
  const most = 2 * Math.ceil(highest / 2);
  const step = plotWidth / Math.max(1, series.length);
  const barWidth = Math.min(48, Math.max(1, step * 0.8));  // one period must not fill the chart
  const chart = svg("svg", {viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": "dyad timeline"});
  for (const fraction of [-1, -0.5, 0.5, 1]) {
    const y = middle - fraction * half;
    chart.append(svg("line", {class: "grid", x1: left, x2: width - right, y1: y, y2: y}),
      svg("text", {x: left - 6, y: y + 4, "text-anchor": "end"}, Math.round(Math.abs(fraction) * most)));
    chart.append(svg("text", {x: width - right + 6, y: y + 4}, (fraction * 10).toFixed(0)));
  }
  chart.append(svg("text", {x: left - 6, y: middle + 4, "text-anchor": "end"}, "0"));
  series.forEach((row, index) => {
    const x = left + index * step + (step - barWidth) / 2;
    // First, under the bars, an invisible target the height of the plot, so quiet periods can be clicked too.
    chart.append(svg("rect", {x: left + index * step, y: top, width: step, height: 2 * half, fill: "transparent", class: "period",
      onclick: () => onPick(row)}, svg("title", {}, `${row.period}: ${row.events} events`)));
    let above = middle, below = middle;
    for (const [name, colour, sign] of QUADS) {
      const size = (row[name] / most) * half;
      if (!size) continue;
      const y = sign > 0 ? (above -= size) : below;
      if (sign < 0) below += size;
      chart.append(svg("rect", {class: "period", x, y, width: barWidth, height: size, fill: colour, "data-period": row.period,
        onclick: () => onPick(row)}, svg("title", {}, `${row.period}: ${row[name]} ${name.replace("_", " ")}`)));
    }
  });
  chart.append(svg("line", {class: "axis", x1: left, x2: width - right, y1: middle, y2: middle}));
  const points = series.map((row, index) => row.goldstein_mean === null ? null
    : `${left + index * step + step / 2},${middle - (row.goldstein_mean / 10) * half}`).filter(Boolean);
  if (points.length > 1) chart.append(svg("polyline", {points: points.join(" "), fill: "none", stroke: "var(--ink)", "stroke-width": 2}));
  for (const point of points) {
    const [cx, cy] = point.split(",");
    chart.append(svg("circle", {cx, cy, r: 2.5, fill: "var(--ink)"}));
  }
  // Axis titles last, so the bars never cover them.
  chart.append(svg("text", {x: left + 6, y: top + 12, fill: "var(--coop)"}, "▲ cooperation (events)"),
    svg("text", {x: left + 6, y: height - bottom - 6, fill: "var(--conflict)"}, "▼ conflict (events)"),
    svg("text", {x: width - right - 6, y: top + 12, "text-anchor": "end"}, "mean Goldstein ▸"));
  const labels = Math.max(1, Math.ceil(series.length / 12));
  series.forEach((row, index) => {
    if (index % labels === 0) chart.append(svg("text", {x: left + index * step + step / 2, y: height - 10, "text-anchor": "middle"}, row.period));
  });
  return chart;
}

function drawMix(series) {
  const totals = {};
  for (const row of series) for (const [key, value] of Object.entries(row)) if (key.startsWith("cameo_")) totals[key] = (totals[key] || 0) + value;
  const rows = Object.entries(totals).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...rows.map(([, n]) => n));
  if (!rows.length) return el("p", {class: "muted"}, "No events.");
  return el("div", {}, rows.map(([key, n]) => {
    const root = key.slice(6);
    return el("div", {class: "bar-row"}, el("span", {}, `${root} ${ROOT_NAMES[root] || ""}`),
      el("div", {class: "bar", style: `width:${(100 * n) / most}%`}), el("span", {}, n));
  }));
}

async function showPeriod(values, row) {
  const until = periodEnd(row.period, values.freq);
  document.getElementById("period-title").textContent = `Events ${values.source}–${values.target}, ${row.period} to ${until}`;
  const params = {source: values.source, target: values.target, since: row.period, until, limit: 200};
  try {
    let events = (await api("/api/events", params)).events;
    if (values.directed === "false") events = events.concat((await api("/api/events", {...params, source: values.target, target: values.source})).events);
    const evidence = document.getElementById("evidence");
    document.getElementById("table").replaceChildren(events.length
      ? eventsTable(events, (event) => showEvidence(evidence, event.event_id, event.article_id))
      : el("p", {class: "muted"}, "No events in this period."));
  } catch (error) {
    document.getElementById("table").replaceChildren(el("p", {class: "error"}, error.message));
  }
}

async function showDyad(form) {
  const values = formValues(form);
  const status = document.getElementById("status");
  setStatus(status, "loading…");
  try {
    const answer = await api("/api/dyads", values);
    // The series comes as columns; the chart reads it as one row a period.
    const names = Object.keys(answer.series);
    const series = answer.series.period.map((_, i) => Object.fromEntries(names.map((name) => [name, answer.series[name][i]])));
    const total = series.reduce((sum, row) => sum + row.events, 0);
    setStatus(status, `${answer.source} → ${answer.target}${values.directed === "false" ? " (both ways)" : ""}: ${total} events in ${series.length} periods.`);
    document.getElementById("chart").replaceChildren(drawChart(series, (row) => showPeriod(values, row)));
    document.getElementById("mix").replaceChildren(drawMix(series));
  } catch (error) {
    setStatus(status, error.message, true);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("filters");
  for (const root of (await api("/api/codes")).cameo_roots) ROOT_NAMES[root.code] = root.name;
  fillForm(form);
  if (!form.elements.source.value) {
    // Start with the busiest pair of countries, so the page shows something at once.
    const graph = await api("/api/network", {level: "country", top: 20, since: await recentStart()});
    const pair = graph.edges.find((edge) => edge.source !== edge.target);
    if (pair) { form.elements.source.value = pair.source; form.elements.target.value = pair.target; }
  }
  form.addEventListener("submit", (submit) => { submit.preventDefault(); showDyad(form); });
  if (form.elements.source.value) showDyad(form);
});
