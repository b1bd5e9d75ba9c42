"""Fuzz the readers: mutated and generated files through read_articles, counting crashes.

    .venv/bin/python bench/fuzz_readers.py [--seconds 60] [--seed 8]

Starts from well-formed seeds (JSONL, CSV, text, zip, each in UTF-8 and
UTF-16), mutates them (bytes flipped, inserted, deleted, cut, repeated, mixed
with hostile pieces: NUL, byte-order marks, Latin-1, unbalanced quotes and
brackets, deep nesting, huge numbers, impossible dates) and reads each result
with a small record limit. A crash is an exception escaping read_articles, an
error not naming its file or taking more than one line, or a read taking more
than two seconds. Prints the inputs tried, the errors reported and the crashes
(each saved under --crashes for replay).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

from communique import read_articles

STORY = "Kenya and Uganda signed a trade agreement in Nairobi on Monday."
HOSTILE = [
    b"\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xe9",
    b"\xc3",
    b"\r",
    b"\n",
    b'"',
    b",",
    b"{",
    b"[" * 3000,
    b"}",
    b"\\u0000",
    b"\\ud800",
    b'"published": "0000-00-00"',
    b'"published": "9999-99-99"',
    b"9" * 5000,
    b"PK\x03\x04",
    b"\x1b[31m",
    b"\u202e".decode("unicode_escape").encode("utf-8"),
    b"x" * 3000,
]


def seeds() -> list[tuple[str, bytes]]:
    record = {"id": "s1", "text": STORY, "published": "2021-05-04", "title": "Trade"}
    jsonl = (json.dumps(record) + "\n") * 3
    csv_text = 'id,text,published\nc1,"' + STORY + '",2021-05-04\nc2,"Peru met Chile.",20210505\n'
    found = [(".jsonl", jsonl.encode()), (".csv", csv_text.encode()), (".txt", STORY.encode())]
    found += [(suffix, b"\xff\xfe" + content.decode().encode("utf-16-le")) for suffix, content in found]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("a.jsonl", jsonl)
        out.writestr("b.csv", csv_text)
    found.append((".zip", archive.getvalue()))
    return found


def mutate(content: bytes, rng: random.Random) -> bytes:
    data = bytearray(content)
    for _ in range(rng.randint(1, 6)):
        where = rng.randint(0, len(data)) if data else 0
        choice = rng.random()
        if choice < 0.25 and data:
            data[min(where, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.5:
            data[where:where] = rng.choice(HOSTILE)
        elif choice < 0.65:
            del data[where : where + rng.randint(1, 40)]
        elif choice < 0.75:
            data = data[:where]
        elif choice < 0.85:
            data[where:where] = data[where : where + rng.randint(1, 200)] * rng.randint(2, 50)
        else:
            data[where:where] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    options = parser.parse_args()
    rng = random.Random(options.seed)
    pool = seeds()
    tried = crashes = reported = read = 0
    slowest = 0.0
    deadline = time.monotonic() + options.seconds
    with tempfile.TemporaryDirectory() as scratch:
        while time.monotonic() < deadline:
            suffix, content = rng.choice(pool)
            if rng.random() < 0.3:  # now and then swap the suffix: a CSV read as JSONL, a zip as text
                suffix = rng.choice([".jsonl", ".csv", ".txt", ".zip"])
            mutated = mutate(content, rng)
            path = Path(scratch) / f"input{suffix}"
            path.write_bytes(mutated)
            tried += 1
            errors = []
            started = time.monotonic()
            problem = ""
            try:
                read += sum(1 for _ in read_articles([path], on_error=errors.append, max_record_bytes=4096))
            except Exception:
                problem = traceback.format_exc(limit=3)
            elapsed = time.monotonic() - started
            slowest = max(slowest, elapsed)
            reported += len(errors)
            bad = [str(e) for e in errors if not str(e).startswith(str(path)) or "\n" in str(e)]
            if not problem and bad:
                problem = f"error lines not naming the file: {bad[:2]}"
            if not problem and elapsed > 2:
                problem = f"took {elapsed:.1f} s"
            if problem:
                crashes += 1
                options.crashes.mkdir(exist_ok=True)
                (options.crashes / f"crash-{crashes}{suffix}").write_bytes(mutated)
                print(f"crash {crashes} ({suffix}): {problem.strip().splitlines()[-1]}")
            if rng.random() < 0.05 and len(mutated) < 100_000:
                pool.append((suffix, mutated))  # keep some mutants as seeds of their own
    print(f"inputs tried: {tried}  stories read: {read}  errors reported: {reported}  crashes: {crashes}")
    print(f"slowest read: {slowest * 1000:.0f} ms")


if __name__ == "__main__":
    main()
