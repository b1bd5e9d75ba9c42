// The API reference, drawn from /openapi.json with no outside script.
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const target = document.getElementById("reference");
  try {
    const schema = await (await fetch("/openapi.json")).json();
    const sections = [];
    for (const [path, methods] of Object.entries(schema.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const parameters = (operation.parameters || []).map((p) => el("tr", {},
          el("td", {class: "code"}, p.name), el("td", {}, p.in), el("td", {}, p.required ? "required" : ""),
          el("td", {class: "code"}, p.schema && (p.schema.type || (p.schema.anyOf || []).map((s) => s.type).join("|") || (p.schema.enum || []).join("|"))),
          el("td", {}, p.description || (p.schema && p.schema.default !== undefined ? `default ${JSON.stringify(p.schema.default)}` : ""))));
        sections.push(el("section", {class: "panel", style: "margin:10px 0"},
          el("h2", {class: "code"}, `${method.toUpperCase()} ${path}`),
          el("p", {}, operation.description || operation.summary || ""),
          parameters.length ? el("table", {class: "data"}, el("thead", {}, el("tr", {}, ["name", "in", "", "type", "about"].map((h) => el("th", {}, h)))), el("tbody", {}, parameters)) : null));
      }
    }
    target.replaceChildren(...sections);
  } catch (error) {
    target.replaceChildren(el("p", {class: "error"}, error.message));
  }
});
