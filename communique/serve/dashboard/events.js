// Events page: filters, a sortable table a page at a time, the evidence view.
"use strict";

const PAGE_SIZE = 100;
let nextCursor = null;
let table = null;

async function loadEvents(form, more) {
  const status = document.getElementById("status");
  const filters = formValues(form);
  setStatus(status, "loading…");
  try {
    const page = await api("/api/events", {...filters, limit: PAGE_SIZE, after: more ? nextCursor : ""});
    nextCursor = page.next_cursor;
    if (more && table) table.addRows(page.events);
    else {
      table = eventsTable(page.events, (event) => showEvidence(document.getElementById("evidence"), event.event_id, event.article_id));
      document.getElementById("table").replaceChildren(table);
    }
    const shown = table.querySelectorAll("tbody tr").length;
    setStatus(status, `${shown} events shown${nextCursor ? ", more to load" : ""}. Click a column to sort the rows shown.`);
    document.getElementById("more").hidden = !nextCursor;
  } catch (error) {
    setStatus(status, error.message, true);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("filters");
  await fillCodeSelects(form);
  fillForm(form);
  form.addEventListener("submit", (submit) => {
    submit.preventDefault();
    const query = new URLSearchParams(Object.entries(formValues(form)).filter(([, v]) => v));
    history.replaceState(null, "", query.toString() ? `/?${query}` : "/");
    loadEvents(form, false);
  });
  document.getElementById("clear").addEventListener("click", () => { form.reset(); form.requestSubmit(); });
  document.getElementById("more").addEventListener("click", () => loadEvents(form, true));
  loadEvents(form, false);
});
