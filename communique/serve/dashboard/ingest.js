// Ingest page: code a pasted or uploaded story, see each event and the rule behind it;
// with the token, store it.
"use strict";

function explained(answer) {
  const spans = answer.mentions.map((m) => ({kind: "mention", start: m.start, end: m.end, actor: m.actor, name: m.name, known: Boolean(m.actor)}));
  for (const event of answer.events) spans.push({kind: "evidence", start: event.evidence_start, end: event.evidence_end, event_id: event.event_id});
  const list = el("ol", {id: "coded-events"}, answer.events.map((event) => el("li", {"data-event": event.event_id},
    el("strong", {class: "code"}, `${event.source} ${event.cameo} ${event.target || "—"}`), " ",
    `${event.cameo_name} · ${event.plover || "no PLOVER type"} · ${event.date || "no date"}${event.place ? " · " + event.place : ""}`,
    el("div", {class: "muted"}, `“${event.evidence}”`),
    el("ul", {class: "because"}, event.because.map((step) => el("li", {}, `“${step.trigger}” → ${step.cameo}: ${step.rule}`))),
  )));
  return el("div", {},
    el("h2", {}, answer.events.length === 1 ? "1 event" : `${answer.events.length} events`),
    answer.events.length ? list : el("p", {class: "muted"}, "No events in this text."),
    el("h2", {}, "The text, as coded"),
    markedText(answer.text, spans, null));
}

async function codeStory(form) {
  const status = document.getElementById("status");
  const values = formValues(form);
  if (!values.text) { setStatus(status, "Paste a story first (or use Code and store for a file).", true); return; }
  setStatus(status, "coding… (the first story loads the language model)");
  const body = new FormData();
  body.set("text", values.text);
  if (values.published) body.set("published", values.published);
  try {
    const response = await fetch("/api/explain", {method: "POST", body});
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error);
    document.getElementById("result").replaceChildren(explained(answer));
    setStatus(status, `coded: ${answer.events.length} events.`);
  } catch (error) {
    setStatus(status, error.message, true);
  }
}

async function storeStory(form) {
  const status = document.getElementById("status");
  const values = formValues(form);
  const file = form.elements.file.files[0];
  const headers = {Authorization: `Bearer ${values.token}`};
  let request;
  if (file) {
    const body = new FormData();
    body.set("file", file);
    if (values.published) body.set("published", values.published);
    request = {method: "POST", headers, body};
  } else if (values.text) {
    const story = {text: values.text, title: values.title};
    if (values.published) story.published = values.published;
    request = {method: "POST", headers: {...headers, "Content-Type": "application/json"}, body: JSON.stringify(story)};
  } else { setStatus(status, "Paste a story or choose a file.", true); return; }
  setStatus(status, "coding and storing…");
  try {
    const response = await fetch("/api/articles", request);
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error);
    const events = answer.articles.reduce((sum, article) => sum + article.events.length, 0);
    const links = answer.articles.map((article) => el("li", {}, el("a", {href: `/?article=${encodeURIComponent(article.id)}`}, article.title || article.id), ` — ${article.events.length} events`));
    document.getElementById("result").replaceChildren(el("h2", {}, "Stored"), el("ul", {}, links),
      answer.errors.length ? el("p", {class: "error"}, answer.errors.join("; ")) : null);
    setStatus(status, `stored ${answer.articles.length} stories, ${events} events.`);
  } catch (error) {
    setStatus(status, error.message, true);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("story");
  form.elements.token.value = sessionStorage.getItem("communique-token") || "";
  form.elements.token.addEventListener("change", () => sessionStorage.setItem("communique-token", form.elements.token.value));
  form.addEventListener("submit", (submit) => { submit.preventDefault(); codeStory(form); });
  document.getElementById("store").addEventListener("click", () => storeStory(form));
});
