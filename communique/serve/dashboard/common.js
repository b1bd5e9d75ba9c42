// communique dashboard: what every page shares. Plain JavaScript, no libraries.
"use strict";

const QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"};

// GET /api/...; an error answer becomes an Error carrying the server's message.
async function api(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== "" && value !== null && value !== undefined && value !== false) query.set(key, value);
  }
  const address = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(address, {headers: {Accept: "application/json"}});
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

// An element with attributes and children; strings become text, never HTML.
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The form's fields as an object of strings.
function formValues(form) {
  const values = {};
  for (const [key, value] of new FormData(form).entries()) values[key] = String(value).trim();
  return values;
}

// Fill a form from the page's query string, so a filtered page can be linked.
function fillForm(form) {
  const query = new URLSearchParams(location.search);
  for (const [key, value] of query.entries()) if (form.elements[key]) form.elements[key].value = value;
}

function setStatus(node, text, isError) {
  node.textContent = text;
  node.classList.toggle("error", Boolean(isError));
}

// Fill the filter dropdowns (CAMEO roots, PLOVER types, QuadClasses) from /api/codes.
async function fillCodeSelects(form) {
  const codes = await api("/api/codes");
  const add = (select, items) => { if (select) for (const [value, label] of items) select.append(el("option", {value}, label)); };
  add(form.elements.cameo, codes.cameo_roots.map((r) => [r.code, `${r.code} ${r.name}`]));
  add(form.elements.plover, codes.plover_types.map((p) => [p, p]));
  add(form.elements.quad, codes.quad_classes.map((q) => [String(q.code), `${q.code} ${q.name}`]));
}

// An article's text with evidence spans marked and actor mentions underlined.
// spans: [{kind: "evidence"|"mention", start, end, ...}] as /api/articles/{id} gives them.
function markedText(text, spans, chosenEvent) {
  const boundaries = new Set([0, text.length]);
  for (const span of spans) { boundaries.add(span.start); boundaries.add(span.end); }
  const cuts = [...boundaries].filter((at) => at >= 0 && at <= text.length).sort((a, b) => a - b);
  const container = el("div", {class: "article-text"});
  for (let i = 0; i < cuts.length - 1; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    let node = document.createTextNode(text.slice(start, end));
    const covering = spans.filter((span) => span.start <= start && span.end >= end);
    for (const mention of covering.filter((span) => span.kind === "mention")) {
      const title = `${mention.actor || "unknown actor"}${mention.name ? " — " + mention.name : ""}`;
      node = el("span", {class: mention.known === false ? "mention unknown" : "mention", title, "data-actor": mention.actor}, node);
    }
    const evidence = covering.filter((span) => span.kind === "evidence");
    if (evidence.length) {
      const chosen = evidence.some((span) => span.event_id === chosenEvent);
      node = el("mark", {class: chosen ? "evidence chosen" : "evidence", "data-event": evidence.map((s) => s.event_id).join(" ")}, node);
    }
    container.append(node);
  }
  return container;
}

// The evidence view: an event's facts and its article with the evidence highlighted.
async function showEvidence(panel, eventId, articleId) {
  panel.replaceChildren(el("p", {class: "status"}, "loading the article…"));
  try {
    const article = await api(`/api/articles/${encodeURIComponent(articleId)}`);
    const event = article.events.find((e) => e.event_id === eventId) || article.events[0];
    const facts = el("dl", {class: "facts"});
    const fact = (name, value) => { if (value !== "" && value !== null && value !== undefined) facts.append(el("dt", {}, name), el("dd", {}, value)); };
    if (event) {
      fact("date", `${event.date || "no date"} (${event.date_precision || "—"})`);
      fact("source", `${event.source} ${event.source_name}`);
      fact("target", `${event.target || "—"} ${event.target_name}`);
      fact("CAMEO", `${event.cameo} ${event.cameo_name}`);
      fact("PLOVER", `${event.plover} ${event.plover_mode}`.trim() || "—");
      fact("QuadClass", `${event.quad_class} ${QUAD_NAMES[event.quad_class]} · Goldstein ${event.goldstein}`);
      fact("place", event.place ? `${event.place}, ${event.country}` : "");
      fact("trigger", event.trigger);
      fact("modality", `${event.modality}${event.negated ? " (negated)" : ""}${event.quote_speaker ? " · said by " + event.quote_speaker : ""}`);
      fact("confidence", event.confidence);
    }
    const head = el("div", {},
      el("h2", {}, article.title || article.id),
      el("p", {class: "muted"}, [article.publisher, article.published, article.url].filter(Boolean).join(" · ")),
    );
    const legend = el("div", {class: "legend"},
      el("span", {}, el("i", {style: "background: var(--evidence)"}), "evidence"),
      el("span", {}, el("i", {style: "background: #ffb938"}), "this event's evidence"),
      el("span", {}, el("i", {style: "background: var(--mention)"}), "actor mention"));
    const text = markedText(article.text, article.spans, event ? event.event_id : null);
    panel.replaceChildren(head, facts, legend, text);
    // Scroll the article, not the page, to the chosen evidence.
    const chosen = text.querySelector("mark.chosen");
    if (chosen) {
      text.scrollTop = chosen.offsetTop - 48;  // .article-text is the offset parent; two lines above show
      chosen.scrollIntoView({block: "nearest"});  // and the panel, if the text box runs past the window
    }
  } catch (error) {
    panel.replaceChildren(el("p", {class: "error"}, error.message));
  }
}

// A table of events whose header sorts the rows held, and whose rows open the evidence view.
function eventsTable(events, onPick) {
  const columns = [
    ["date", "date", (e) => e.date || ""],
    ["source", "source", (e) => e.source],
    ["target", "target", (e) => e.target],
    ["cameo", "CAMEO", (e) => e.cameo],
    ["plover", "PLOVER", (e) => e.plover],
    ["goldstein", "Goldstein", (e) => e.goldstein],
    ["place", "place", (e) => e.place],
    ["evidence", "evidence", (e) => e.evidence],
  ];
  const table = el("table", {class: "data"});
  const body = el("tbody");
  let sorted = {key: null, direction: 1};
  const draw = () => {
    body.replaceChildren(...events.map((event) => el("tr", {"data-event": event.event_id, onclick: (click) => {
      for (const row of body.querySelectorAll("tr.selected")) row.classList.remove("selected");
      click.currentTarget.classList.add("selected");
      onPick(event);
    }},
      el("td", {}, event.date || "—"),
      el("td", {class: "code", title: event.source_name}, event.source),
      el("td", {class: "code", title: event.target_name}, event.target || "—"),
      el("td", {class: `code quad-${event.quad_class}`, title: event.cameo_name}, event.cameo),
      el("td", {class: "code"}, event.plover || "—"),
      el("td", {}, event.goldstein),
      el("td", {}, event.place),
      el("td", {class: "evidence-cell"}, event.evidence.length > 140 ? event.evidence.slice(0, 140) + "…" : event.evidence),
    )));
  };
  const header = el("tr", {}, columns.map(([key, label, value]) => el("th", {"data-key": key, onclick: (click) => {
    sorted = {key, direction: sorted.key === key ? -sorted.direction : 1};
    events.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      return (typeof x === "number" ? x - y : String(x).localeCompare(String(y))) * sorted.direction;
    });
    for (const th of header.children) th.removeAttribute("aria-sort");
    click.currentTarget.setAttribute("aria-sort", sorted.direction > 0 ? "ascending" : "descending");
    draw();
  }}, label)));
  table.append(el("thead", {}, header), body);
  draw();
  table.addRows = (more) => { events.push(...more); draw(); };
  return table;
}

// Where the network and map pages start: a store of up to 100,000 events is drawn whole; a
// bigger one from 90 days before its last event, so the first view counts thousands, not millions.
async function recentStart() {
  const summary = await api("/api/summary");
  if (!summary.last_date || !summary.more) return "";
  const day = new Date(summary.last_date + "T00:00:00Z");
  day.setUTCDate(day.getUTCDate() - 90);
  return day.toISOString().slice(0, 10);
}

// Mark the current page in the navigation.
document.addEventListener("DOMContentLoaded", () => {
  for (const link of document.querySelectorAll("header nav a")) {
    if (link.getAttribute("href") === location.pathname) link.classList.add("current");
  }
});
