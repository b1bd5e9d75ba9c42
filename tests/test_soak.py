"""The service under attack for a few seconds (issue 8): bench/soak.py, short, against the real server."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_soak_short_run_gives_no_server_errors_and_lets_no_attack_through():
    command = [sys.executable, str(ROOT / "bench" / "soak.py"), "--seconds", "4", "--clients", "4", "--empty"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    requests = int(re.search(r"^(\d+) requests", report, re.M).group(1))
    assert requests > 100
    for line in ("answers in the 500s: 0", "hostile requests let through: 0", "failed connections: 0"):
        assert line in report
    statuses = dict(re.findall(r"(\d{3}): (\d+)", report.split("by status: ")[1].splitlines()[0]))
    assert {"200", "401", "403", "413", "422"} <= set(statuses)  # reads served, each kind of attack refused
