#!/usr/bin/env python3
"""Set up communique in ./.venv and run the demo or the test suite.

    python3 tasks.py demo   # install, then code the bundled sample articles into communique.db
    python3 tasks.py test   # install the test tools (and chromium, as root), run ruff, mypy and the test suite

Needs only Python 3.11 and the package index: dependencies come pinned and
hash-checked from requirements.lock (and requirements-dev.lock for tests).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def run(*command: str | Path) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True)


def install(*lock_files: str) -> None:
    """Create the virtual environment and install the locked dependencies into it, once."""
    if not PYTHON.exists():
        print(f"+ creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256()
    for name in (*lock_files, "pyproject.toml"):
        wanted.update((ROOT / name).read_bytes())
    stamp = VENV / ("installed-" + "-".join(name.split(".")[0] for name in lock_files))
    if stamp.exists() and stamp.read_text() == wanted.hexdigest():
        return
    for name in lock_files:
        run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "--require-hashes", "--no-deps", "-r", name)
    run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "--no-deps", "--no-build-isolation", "-e", ".")
    stamp.write_text(wanted.hexdigest())


def demo() -> None:
    install("requirements.lock")
    run(
        BIN / "communique",
        "code",
        ROOT / "communique" / "samples",
        "--db",
        "sqlite:///communique.db",
        "--format",
        "table",
    )


def chromium() -> None:
    """The dashboard's browser tests drive Debian's chromium: install it when missing, as root."""
    if Path("/usr/bin/chromium").exists() or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    os.environ.setdefault("DEBIAN_FRONTEND", "noninteractive")
    run("apt-get", "update", "-q")
    run("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium")


def test() -> None:
    install("requirements.lock", "requirements-dev.lock")
    chromium()
    run(BIN / "ruff", "check", "communique", "tests", "bench", "docs", "tasks.py")
    run(BIN / "ruff", "format", "--check", "communique", "tests", "bench", "docs", "tasks.py")
    run(BIN / "mypy", "communique")
    run(PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider")


if __name__ == "__main__":
    tasks = {"demo": demo, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in tasks:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(tasks)}}}")
    try:
        tasks[sys.argv[1]]()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
