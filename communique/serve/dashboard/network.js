// Network page: actors as circles, events between them as edges, laid out by a small
// force simulation run a fixed number of steps (the same graph gives the same picture).
"use strict";

function layout(nodes, edges, width, height) {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const position = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    return {x: width / 2 + (width / 3) * Math.cos(angle), y: height / 2 + (height / 3) * Math.sin(angle)};
  });
  const ideal = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.6;
  for (let step = 0; step < 300; step++) {
    const cooling = 1 - step / 300;
    const move = position.map(() => ({x: 0, y: 0}));
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const dx = position[i].x - position[j].x, dy = position[i].y - position[j].y;
      const distance = Math.max(1, Math.hypot(dx, dy)), push = (ideal * ideal) / distance;
      move[i].x += (dx / distance) * push; move[i].y += (dy / distance) * push;
      move[j].x -= (dx / distance) * push; move[j].y -= (dy / distance) * push;
    }
    for (const edge of edges) {
      const [i, j] = [index.get(edge.source), index.get(edge.target)];
      if (i === j) continue;
      const dx = position[i].x - position[j].x, dy = position[i].y - position[j].y;
      const distance = Math.max(1, Math.hypot(dx, dy)), pull = (distance * distance) / ideal;
      move[i].x -= (dx / distance) * pull; move[i].y -= (dy / distance) * pull;
      move[j].x += (dx / distance) * pull; move[j].y += (dy / distance) * pull;
    }
    for (let i = 0; i < nodes.length; i++) {
      // A little gravity keeps actors with no ties to the rest from drifting to the corners.
      move[i].x += (width / 2 - position[i].x) * 0.05 * ideal / 10;
      move[i].y += (height / 2 - position[i].y) * 0.05 * ideal / 10;
    }
    for (let i = 0; i < nodes.length; i++) {
      const length = Math.max(1, Math.hypot(move[i].x, move[i].y)), limit = 20 * cooling + 0.5;
      position[i].x = Math.min(width - 40, Math.max(40, position[i].x + (move[i].x / length) * Math.min(length, limit)));
      position[i].y = Math.min(height - 30, Math.max(30, position[i].y + (move[i].y / length) * Math.min(length, limit)));
    }
  }
  return new Map(nodes.map((node, i) => [node.id, position[i]]));
}

function drawGraph(graph) {
  const width = 1000, height = 560;
  const at = layout(graph.nodes, graph.edges, width, height);
  const heaviest = Math.max(1, ...graph.edges.map((edge) => edge.weight));
  const busiest = Math.max(1, ...graph.nodes.map((node) => node.events));
  const events = new Map(graph.nodes.map((node) => [node.id, node.events]));
  const picture = svg("svg", {viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": "actor network"});
  picture.append(svg("defs", {},
    svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto"},
      svg("path", {d: "M0,0 L10,5 L0,10 z", fill: "#8895a7"}))));
  const pairs = new Set(graph.edges.map((edge) => `${edge.source} ${edge.target}`));
  const radius = (id) => 12 + 16 * Math.sqrt(events.get(id) / busiest);
  for (const edge of graph.edges) {
    if (edge.source === edge.target) continue;  // events inside one country show in its circle's size
    const [start, end] = [at.get(edge.source), at.get(edge.target)];
    // The line runs from rim to rim, so the arrow head shows outside the target's circle.
    const length = Math.max(1, Math.hypot(end.x - start.x, end.y - start.y));
    const [ux, uy] = [(end.x - start.x) / length, (end.y - start.y) / length];
    // A pair acting both ways gets two lines, each moved a little to its own right.
    const shift = pairs.has(`${edge.target} ${edge.source}`) ? 4 : 0;
    const [sx, sy] = [-uy * shift, ux * shift];
    const from = {x: start.x + ux * radius(edge.source) + sx, y: start.y + uy * radius(edge.source) + sy};
    const to = {x: end.x - ux * (radius(edge.target) + 2) + sx, y: end.y - uy * (radius(edge.target) + 2) + sy};
    const colour = edge.net_cooperation > 0 ? "var(--coop)" : edge.net_cooperation < 0 ? "var(--conflict)" : "#8895a7";
    picture.append(svg("line", {x1: from.x, y1: from.y, x2: to.x, y2: to.y, stroke: colour, "stroke-opacity": 0.65,
      "stroke-width": 1 + 7 * Math.sqrt(edge.weight / heaviest), "marker-end": "url(#arrow)", class: "edge", style: "cursor:pointer",
      onclick: () => { location.href = `/dyads?source=${encodeURIComponent(edge.source)}&target=${encodeURIComponent(edge.target)}`; }},
      svg("title", {}, `${edge.source} → ${edge.target}: ${edge.weight} events, net cooperation ${edge.net_cooperation}`)));
  }
  for (const node of graph.nodes) {
    const point = at.get(node.id);
    picture.append(svg("g", {class: "node"},
      svg("circle", {cx: point.x, cy: point.y, r: radius(node.id), fill: "#fff", stroke: "var(--accent)", "stroke-width": 2},
        svg("title", {}, `${node.id}: ${node.events} events`)),
      svg("text", {x: point.x, y: point.y + 4, "text-anchor": "middle", "font-weight": 600}, node.id)));
  }
  return picture;
}

async function showNetwork(form) {
  const status = document.getElementById("status");
  setStatus(status, "loading…");
  try {
    const graph = await api("/api/network", formValues(form));
    setStatus(status, `${graph.nodes.length} actors, ${graph.edges.length} pairs.`);
    document.getElementById("graph").replaceChildren(graph.nodes.length ? drawGraph(graph) : el("p", {class: "muted"}, "No events."));
  } catch (error) {
    setStatus(status, error.message, true);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("filters");
  fillForm(form);
  if (!location.search) form.elements.since.value = await recentStart();
  form.addEventListener("submit", (submit) => { submit.preventDefault(); showNetwork(form); });
  showNetwork(form);
});
