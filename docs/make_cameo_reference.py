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
    codes = [code for code in codebook.codes if len(code) > 2]  # two-digit roots head their families
    covered = sum(1 for code in codes if code in examples)
    lines = [
        "# CAMEO event codes",
        "",
        "Generated from `communique/data/cameo/event_codes.tsv` and the lexicon tables by",
        "`docs/make_cameo_reference.py`; do not edit by hand. PLOVER drops CAMEO 01x and 02x",
        "(statements and appeals): their `plover` field is empty in the event data, shown here as",
        '"dropped". PLOVER types and modes come from our own crosswalk (the last two columns of',
        "`event_codes.tsv`), checked in `tests/test_data.py` against the PLOVER project's table.",
        "QuadClass follows GDELT's grouping (01-05, 06-09, 10-14, 15-20); `--quad-scheme icews`",
        '(`Settings(quad_scheme="icews")`) gives the ICEWS/Phoenix one (01-05, 06-08, 09-13, 14-20).',
        "",
        f"{covered} of the {len(codes)} CAMEO 1.1b3 codes below the 20 roots have lexicon entries of",
        "their own (verbs, event nouns, phrases); frames (`frames.tsv`, `frame_codes.tsv`) and",
        "refinements (`contexts.tsv`, `refinements.tsv`) reach the sub-codes from context as well.",
        "The example is the first entry's; each is our own sentence.",
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
