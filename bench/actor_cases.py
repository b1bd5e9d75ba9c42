"""Actor accuracy by kind on our own actor test set (tests/actor_cases/*.yaml).

.venv/bin/python bench/actor_cases.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from communique.pipeline import Coder  # noqa: E402
from tests.actor_scoring import load_cases, score  # noqa: E402


def main(show_misses: bool) -> None:
    coder = Coder()
    cases = load_cases()
    held_out = [case for case in cases if case.origin.startswith("zz_heldout")]
    by_kind, misses = score(coder, cases)
    held_right = sum(r for r, _ in score(coder, held_out)[0].values())
    print(f"held-out file alone: {held_right} of {len(held_out)} right ({held_right / len(held_out):.3f})")
    right = sum(r for r, _ in by_kind.values())
    total = sum(t for _, t in by_kind.values())
    print(f"{'kind':<20} {'right':>6} {'total':>6} {'accuracy':>9}")
    for kind, (r, t) in sorted(by_kind.items()):
        print(f"{kind:<20} {r:>6} {t:>6} {r / t:>9.3f}")
    print(f"{'all':<20} {right:>6} {total:>6} {right / total:>9.3f}")
    if show_misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main("--misses" in sys.argv[1:])
