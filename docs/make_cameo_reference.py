"""Write docs/cameo.md: every CAMEO code with its name, Goldstein weight, QuadClass,
PLOVER type and one of our lexicon's examples, from the tables in communique/data.

    python docs/make_cameo_reference.py

tests/test_docs.py fails when docs/cameo.md is out of date; rerun this then.
"""

from __future__ import annotations

from pathlib import Path

from communique.events import Codebook, Lexicon

TARGET = Path(__file__).parent / "cameo.md"


def reference() -> str:
    codebook, lexicon = Codebook.load(), Lexicon.load()
    examples: dict[str, list[str]] = {}
    for table in (lexicon.verbs, lexicon.nouns):
        for entries in table.values():
            for entry in entries:
                examples.setdefault(entry.cameo, []).append(entry.example)
    covered = sum(1 for code in codebook.codes if code in examples)
    lines = [
        "# CAMEO event codes",
        "",
        "Generated from `communique/data/cameo/event_codes.tsv` and the lexicon tables by",
        "`docs/make_cameo_reference.py`; do not edit by hand. PLOVER drops CAMEO 01x and 02x",
        "(statements and appeals): their `plover` field is empty in the event data, shown here as",
        '"dropped". QuadClass follows GDELT\'s',
        'grouping; `Settings(quad_scheme="icews")` gives the ICEWS one.',
        "",
        f"{covered} of {len(codebook.codes)} codes have lexicon entries of their own; the others are",
        "reached through frames and refinements, or not yet.",
        "",
        "| code | name | Goldstein | QuadClass | PLOVER | entries | example |",
        "|---|---|---|---|---|---|---|",
    ]
    for code, entry in codebook.codes.items():
        found = examples.get(code, [])
        example = found[0].replace("|", "/") if found else ""
        plover = f"{entry.plover_type} ({entry.plover_mode})" if entry.plover_mode else entry.plover_type or "dropped"
        cells = (code, entry.name, f"{entry.goldstein:g}", str(entry.quad_class), plover, str(len(found)), example)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET}")
