// Map page: the bundled country outlines, events as circles at their places.
"use strict";

let world = null;

function drawMap(places, onPick) {
  const picture = svg("svg", {viewBox: "-180 -84 360 144", width: "100%", role: "img", "aria-label": "map of events",
    style: "background:#f7fbff; border:1px solid var(--line)"});
  for (const country of world.countries) picture.append(svg("path", {class: "country", d: country.path}, svg("title", {}, country.name)));
  const busiest = Math.max(1, ...places.map((place) => place.events));
  for (const place of [...places].sort((a, b) => b.events - a.events)) {
    const share = place.cooperation / place.events;
    const colour = share >= 0.5 ? "var(--coop)" : "var(--conflict)";
    picture.append(svg("circle", {class: "place", cx: place.lon, cy: -place.lat, r: 0.8 + 5 * Math.sqrt(place.events / busiest),
      fill: colour, "data-place": place.place, onclick: () => onPick(place)},
      svg("title", {}, `${place.place}, ${place.country}: ${place.events} events (${place.cooperation} cooperation)`)));
  }
  return picture;
}

async function showPlace(values, place) {
  document.getElementById("place-title").textContent = `Events at ${place.place}, ${place.country}`;
  try {
    const page = await api("/api/events", {...values, place: place.place, limit: 200});
    const evidence = document.getElementById("evidence");
    document.getElementById("table").replaceChildren(eventsTable(page.events, (event) => showEvidence(evidence, event.event_id, event.article_id)));
  } catch (error) {
    document.getElementById("table").replaceChildren(el("p", {class: "error"}, error.message));
  }
}

async function showMap(form) {
  const status = document.getElementById("status");
  const values = formValues(form);
  setStatus(status, "loading…");
  try {
    world = world || (await api("/api/map/world"));
    const answer = await api("/api/places", values);
    const events = answer.places.reduce((sum, place) => sum + place.events, 0);
    setStatus(status, `${events} events at ${answer.places.length} places.`);
    document.getElementById("map").replaceChildren(drawMap(answer.places, (place) => showPlace(values, place)));
  } catch (error) {
    setStatus(status, error.message, true);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("filters");
  await fillCodeSelects(form);
  fillForm(form);
  if (!location.search) form.elements.since.value = await recentStart();
  form.addEventListener("submit", (submit) => { submit.preventDefault(); showMap(form); });
  showMap(form);
});
