"""Every command has help, an example and a docs entry; the README's quick start is two commands."""

from __future__ import annotations

import importlib.util
import re
import sys

from communique.cli import app
from tests.conftest import ROOT


def load_reference_maker(name: str = "make_cli_reference"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_docs_cli_reference_is_up_to_date():
    maker = load_reference_maker()
    documented = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert documented == maker.reference(), "run: python docs/make_cli_reference.py"


def test_docs_cameo_reference_is_up_to_date():
    maker = load_reference_maker("make_cameo_reference")
    documented = (ROOT / "docs" / "cameo.md").read_text(encoding="utf-8")
    assert documented == maker.reference(), "run: python docs/make_cameo_reference.py"


def test_docs_every_command_is_documented():
    maker = load_reference_maker()
    names = {command.name or command.callback.__name__ for command in app.registered_commands}
    assert names == {args[0] for _, args in maker.COMMANDS if args}


def test_docs_quick_start_is_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
    assert len(blocks) == 1
    lines = [line for line in blocks[0].splitlines() if line.strip()]
    assert len(lines) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1].strip() in ci


def test_docs_contributing_lists_what_ci_runs():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "python3 tasks.py test" in contributing and "ruff" in contributing
