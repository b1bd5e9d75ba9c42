"""Write docs/cli.md from the commands' own --help text.

    python docs/make_cli_reference.py

tests/test_docs.py fails when docs/cli.md is out of date; rerun this then.
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from communique.cli import app

COMMANDS = (
    ("communique", []),
    ("communique code", ["code"]),
    ("communique eval", ["eval"]),
    ("communique events", ["events"]),
    ("communique explain", ["explain"]),
    ("communique watch", ["watch"]),
    ("communique happenings", ["happenings"]),
    ("communique export", ["export"]),
    ("communique dyads", ["dyads"]),
    ("communique network", ["network"]),
    ("communique report", ["report"]),
    ("communique serve", ["serve"]),
)
TARGET = Path(__file__).parent / "cli.md"


def help_text(args: list[str]) -> str:
    result = CliRunner().invoke(
        app,
        [*args, "--help"],
        prog_name="communique",
        terminal_width=100,
        env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"},
    )
    return "\n".join(line.rstrip() for line in result.output.strip().splitlines())


def reference() -> str:
    parts = [
        "# Command-line reference",
        "",
        "Generated from each command's `--help` by `docs/make_cli_reference.py`; do not edit by hand.",
        "",
    ]
    for title, args in COMMANDS:
        parts += [f"## {title}", "", "```", help_text(args), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "100")
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET}")
