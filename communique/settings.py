"""The options a Coder runs with, as one frozen object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import SettingsError

QUAD_SCHEMES = ("gdelt", "icews")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Options of one coding run.

    keep_negated: also emit negated events (flagged ``negated``).
    keep_hypothetical: also emit events that may happen ("could attack"), with
        modality "hypothetical".
    keep_historical: also emit events the story recalls as background ("since the
        summit in February", "after the 2018 talks"), with modality "historical".
    keep_unnamed: also emit violence done to a named victim by a doer the story
        does not name ("three soldiers were killed", "a roadside bomb killed four
        policemen"), with source "---". Off by default: such events add recall of
        the act but can never match a dyad.
    undirected: code actors that act on each other ("South Korea and Russia
        agreed") as one event a pair, not one each way as CAMEO does.
    statements: emit bare statement events (CAMEO 01x) when nothing better is said.
    quad_scheme: how CAMEO roots group into QuadClass: "gdelt" (01-05, 06-09,
        10-14, 15-20) or "icews" (01-05, 06-08, 09-13, 14-20).
    batch_size: texts handed to spaCy at once.
    workers: processes that code (clean, parse, actors, events, where, when,
        merge), each loading the pipeline once; 1 codes in the calling process.
    worker_stories: stories a worker process codes (on average) before a fresh
        one takes its place, with workers > 1; 0 keeps the first ones to the
        end. A worker's memory creeps up by some 50 MB over its first 20,000
        stories (memory the C allocator keeps, not Python objects:
        docs/performance.md), so replacing workers keeps a long job's memory flat; loading a new
        worker costs about 1.5 CPU seconds, under 1% of 20,000 stories' coding.
    max_chars: longest article coded, in characters; longer ones are reported
        and skipped. This bounds the parse: spaCy's time and memory grow with
        the length of a text.
    max_sentences: most sentences in an article coded; more are reported and
        the article skipped (a "story" of a million one-word sentences).
    max_record_bytes: longest record the readers take, in bytes: a JSONL line,
        a CSV line, a text file. A longer one is reported and skipped without
        being held in memory.
    story_timeout: seconds one story may take to clean and code (the stages
        around the parse); a story taking longer is reported and skipped. 0
        for no limit. Enforced wherever coding runs: by SIGALRM in a process's
        main thread (the command line, each worker process), by a timer that
        raises in the coding thread elsewhere (Dask workers, the service's
        threads), where one long call into C finishes before the story stops.
    model: name of the spaCy pipeline; empty picks the installed English one.
    lexicon: a user's own verb table (the format of data/cameo/verbs.tsv), or a
        PETRARCH verb dictionary or discard list, tried before the bundled one;
        several are joined with os.pathsep (or given as a list); empty for none.
    actors: a user's own actor dictionary (YAML or CSV: name, names, code, start,
        end), or a PETRARCH actor or agent dictionary, which wins over the bundled
        actor tables; several as for lexicon; empty for none.
    """

    keep_negated: bool = False
    keep_hypothetical: bool = False
    keep_historical: bool = False
    keep_unnamed: bool = False
    undirected: bool = False
    statements: bool = True
    quad_scheme: str = "gdelt"
    batch_size: int = 64
    workers: int = 1
    worker_stories: int = 20_000
    max_chars: int = 200_000
    max_sentences: int = 5_000
    max_record_bytes: int = 8 * 1024 * 1024
    story_timeout: float = 60.0
    model: str = ""
    lexicon: str = ""
    actors: str = ""

    def __post_init__(self) -> None:
        for name in ("lexicon", "actors"):  # a list of files, as communique.load(lexicon=[...]) takes it
            value = getattr(self, name)
            if isinstance(value, list | tuple):
                object.__setattr__(self, name, os.pathsep.join(str(path) for path in value))
            elif isinstance(value, os.PathLike):
                object.__setattr__(self, name, str(value))
        if self.quad_scheme not in QUAD_SCHEMES:
            raise SettingsError(f"quad_scheme must be one of {QUAD_SCHEMES}, not {self.quad_scheme!r}")
        if self.workers < 1 or self.batch_size < 1:
            raise SettingsError("workers and batch_size must be at least 1")
        if self.worker_stories < 0:
            raise SettingsError("worker_stories must be 0 (never replace workers) or more")
        if min(self.max_chars, self.max_sentences, self.max_record_bytes) < 1 or self.story_timeout < 0:
            raise SettingsError(
                "max_chars, max_sentences and max_record_bytes must be at least 1; story_timeout 0 or more"
            )


def split_paths(value: str) -> list[Path]:
    """The files of a ``lexicon`` or ``actors`` setting: one path, or several joined with os.pathsep."""
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]
