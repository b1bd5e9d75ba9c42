"""The event lexicon: verbs, event nouns and frames mapped to CAMEO codes.

verbs.tsv         lemma, pattern, cameo, example
nouns.tsv         lemma, pattern, cameo, example
frames.tsv        lemma, frame, example          ("agreed to", "urged X to", ...)
frame_codes.tsv   frame, action_root, cameo      (intend + 04 -> 036, ...)
contexts.tsv      word, context                  (trade -> economic, "war crime" -> warcrime, ...)
refinements.tsv   cameo, context, refined        (031 + economic -> 0311, ...)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataTableError
from ..tables import DATA_DIR, read_table

LEXICON_DIR = DATA_DIR / "cameo"
# The code of a row that says its words make no event ("fight [corruption]"): it wins over
# the verb's other rows as any row does, and stops the verb taking its object noun's code.
NO_EVENT = "-"


@dataclass(frozen=True)
class Entry:
    """One lexicon line: a word, the words its pattern needs, and the code they give."""

    lemma: str
    pattern: frozenset[str]
    cameo: str
    example: str = ""
    table: str = ""  # the file it came from, for explanations

    @property
    def no_event(self) -> bool:
        """Whether the row says its words are no event: "fought corruption", "fled the war"."""
        return self.cameo == NO_EVENT

    def describe(self) -> str:
        """The entry as a reader of the table would find it: ``verbs.tsv: hold [talk] -> 040``."""
        pattern = " ".join(sorted(self.pattern)) or "-"
        return f"{self.table}: {self.lemma} [{pattern}] -> {self.cameo}"


@dataclass
class Lexicon:
    verbs: dict[str, list[Entry]]
    nouns: dict[str, list[Entry]]
    frames: dict[str, str]
    frame_codes: dict[tuple[str, str], str]
    contexts: dict[str, str]  # a lemma, or lemmas joined by spaces that must all be in the clause
    refinements: dict[str, list[tuple[str, str]]]  # code -> (context, refined), most telling first
    # The contexts named by phrases, split once: a clause's single words are looked up in
    # ``contexts``, and only these few are tried word by word.
    phrases: list[tuple[list[str], str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.phrases = [(key.split(), context) for key, context in self.contexts.items() if " " in key]

    @classmethod
    def load(
        cls,
        directory: Path = LEXICON_DIR,
        *,
        extra_verbs: Path | Sequence[Path] | None = None,
        extra_entries: Iterable[Entry] = (),
    ) -> Lexicon:
        """Load the lexicon tables from ``directory``.

        extra_verbs: a user's own tables in the format of verbs.tsv; their entries
            come before the bundled ones of the same lemma and pattern.
        extra_entries: a user's verb entries read from another format (a PETRARCH
            verb dictionary, events/petrarch_format.py); they come first too.
        """
        verbs = _entries(directory / "verbs.tsv")
        tables = [extra_verbs] if isinstance(extra_verbs, Path) else list(extra_verbs or ())
        user = [entry for table in tables for entries in _entries(table, unique=False).values() for entry in entries]
        for entry in [*user, *extra_entries]:
            verbs.setdefault(entry.lemma, []).insert(0, entry)
        for entries in verbs.values():
            entries.sort(key=_rank, reverse=True)
        nouns = _entries(directory / "nouns.tsv")
        for entries in nouns.values():
            entries.sort(key=_rank, reverse=True)
        frames = {row["lemma"]: row["frame"] for row in read_table(directory / "frames.tsv", ("lemma", "frame"))}
        frame_codes = {
            (row["frame"], row["action_root"]): row["cameo"]
            for row in read_table(directory / "frame_codes.tsv", ("frame", "action_root", "cameo"))
        }
        contexts = {row["word"]: row["context"] for row in read_table(directory / "contexts.tsv", ("word", "context"))}
        refinements: dict[str, list[tuple[str, str]]] = {}
        for row in read_table(directory / "refinements.tsv", ("cameo", "context", "refined")):
            refinements.setdefault(row["cameo"], []).append((row["context"], row["refined"]))
        return cls(verbs, nouns, frames, frame_codes, contexts, refinements)

    def match_verb(self, lemma: str, frame_words: set[str]) -> Entry | None:
        """The most specific verb entry whose pattern words are all in ``frame_words``."""
        return _best(self.verbs.get(lemma, ()), frame_words)

    def match_noun(self, lemma: str, modifiers: set[str]) -> Entry | None:
        return _best(self.nouns.get(lemma, ()), modifiers)

    def frame_code(self, frame: str, action_code: str) -> str | None:
        """The code of a frame ("intend", "appeal", ...) wrapped round an action's code.

        The longest matching prefix of the action's code wins ("1312" before "13"), then "*".
        """
        for key in (action_code[:4], action_code[:3], action_code[:2], "*"):
            if (frame, key) in self.frame_codes:
                return self.frame_codes[(frame, key)]
        return None

    def refine(self, cameo: str, words: set[str]) -> str:
        """A more specific code when the clause's words show the domain CAMEO splits on."""
        if cameo not in self.refinements:
            return cameo  # most codes have no sub-codes: the words need not be read
        contexts = {self.contexts[word] for word in words if word in self.contexts}
        contexts.update(context for parts, context in self.phrases if all(part in words for part in parts))
        for _ in range(3):  # 020 -> 023 -> 0231: a refinement may refine further
            rows = self.refinements.get(cameo, ())
            refined = next((code for context, code in rows if context in contexts), None)
            if refined is None or refined == cameo:
                break
            cameo = refined
        return cameo

    def codes(self) -> set[str]:
        """Every code the lexicon can give."""
        found = {
            entry.cameo
            for table in (self.verbs, self.nouns)
            for entries in table.values()
            for entry in entries
            if not entry.no_event
        }
        refined = {code for rows in self.refinements.values() for _, code in rows}
        return found | set(self.frame_codes.values()) | refined


def _entries(path: Path, *, unique: bool = True) -> dict[str, list[Entry]]:
    table: dict[str, list[Entry]] = {}
    seen = set()
    for row in read_table(path, ("lemma", "pattern", "cameo")):
        pattern = frozenset() if row["pattern"] in ("", "-") else frozenset(row["pattern"].lower().split())
        key = (row["lemma"], pattern)
        if key in seen and unique:
            raise DataTableError(f"{path}:{row['_line']}: {row['lemma']} {row['pattern']} appears twice")
        seen.add(key)
        entry = Entry(row["lemma"].lower(), pattern, row["cameo"], row.get("example", ""), path.name)
        table.setdefault(entry.lemma, []).append(entry)
    return table


def _rank(entry: Entry) -> tuple[int, int, bool]:
    """The order entries of one word are tried in: the pattern asking most first; between
    patterns asking as much, the more specific code ("spoke by phone with": 041 before 040),
    a four-digit code before a three-digit one, which comes before its family's "not
    specified" code ending in 0."""
    return _specificity(entry), len(entry.cameo), not entry.cameo.endswith("0")


def _specificity(entry: Entry) -> int:
    """How much a pattern asks for: a "prep:noun" pair counts as its two words, a "prep:*" (any
    object) as one, so "air strike on:*" stays 195 rather than a plain strike on a place (190)."""
    return sum(2 if ":" in word and not word.endswith(":*") else 1 for word in entry.pattern)


def _best(entries, words: set[str]) -> Entry | None:
    for entry in entries:
        if entry.pattern <= words:
            return entry
    return None
