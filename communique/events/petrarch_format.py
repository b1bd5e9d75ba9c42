"""PETRARCH and TABARI dictionaries, read into communique's own lexicon entries and actor entries.

The four kinds of file those coders use, and what becomes of them here:

verbs      ``--- VERB [code] ---`` blocks: the verbs of the block, then ``- words * words [code]``
           patterns (``*`` the verb, ``$`` source, ``+`` target, ``^`` a phrase to skip, ``%``
           a compound actor, ``&NAME`` a synset defined by ``&NAME`` and ``+word`` lines, ``_``
           words that must be adjacent). Each verb and pattern becomes a lexicon Entry: the
           verb's lemma, and the words after ``*`` as the pattern's word set.
actors     a name (``_`` joins its words) and ``+other name`` lines, with codes ``[ISR]``,
           dated ones ``[HOB <950601]``, ``[HOBGOV 19950601-19990815]``, ``[HOBREB >990816]``.
           Each name and code becomes a UserActor holding on the days its code does.
agents     ``PHRASE {PLURALS} [~GOV]`` and ``!NAME! = A, B`` word lists: a title or role noun
           and the role codes it adds after an actor's country (``Arnor minister`` -> ARNGOV).
discards   phrases that void a sentence, or with ``+`` the whole story, wherever they occur.

Our matcher codes a verb from its lemma and an unordered set of the words that hang on it
(object, modifiers, prepositions, particles); the parse, not the pattern, finds source and
target. So what a pattern says about word order and actor positions is not kept, and patterns
that need words before the verb, codes outside the CAMEO codebook or "no event" codes are not
loaded. Every such case is counted in a Report, one line a kind, not dropped in silence.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataTableError
from .lexicon import Entry

VERB_HEADER = re.compile(r"^---\s*(?P<verb>[^\[]*?)\s*(?:\[(?P<code>[^\]]*)\].*?)?---\s*$")
CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
XML_COMMENT = re.compile(r"<!\s*--.*?-->", re.DOTALL)
PATTERN_MARKERS = frozenset("$+^%")
ARTICLES = frozenset({"the", "a", "an"})  # frame words never hold articles: a pattern asking for one would never match
MAX_SYNSET_VARIANTS = 200  # a pattern of several synsets multiplies out; beyond this it is not expanded
# Three-letter actor codes that are kinds of actor, not countries (PETRARCH's own prefixes).
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO", "---", "+++"})
VERB_FILE_SUFFIXES = (".verbpatterns",)
# Prepositions, which the parse pairs with their object ("for:asylum") among a verb's frame words.
PREPOSITIONS = frozenset(
    "about across after against among at before between by during for from in into near of on over "
    "through to toward towards under upon with within without".split()
)
Lemmatize = Callable[[str, str], str]


@dataclass
class Report:
    """What a dictionary file held that the coder cannot use as written: one line a kind."""

    path: Path
    loaded: int = 0
    what: str = "entries"
    kinds: dict[str, list[str]] = field(default_factory=dict)  # kind -> examples, in file order

    def note(self, kind: str, example: str) -> None:
        self.kinds.setdefault(kind, []).append(example)

    def lines(self) -> list[str]:
        head = f"{self.path}: {self.loaded} {self.what} loaded"
        return [head] + [
            f"{self.path}: {len(examples)} {kind} (first: {examples[0]})" for kind, examples in self.kinds.items()
        ]


# -- reading the files --------------------------------------------------------------------------


def clean_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The file's lines without comments (``# ...``, ``<!-- ... -->`` over several lines) or blanks.

    Yields (line number, text) with the text's surrounding blanks removed.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise DataTableError(f"{path}: cannot be read ({error.strerror or error})") from None
    # An XML comment may span lines: blank it out, keeping its line breaks so numbers stay right.
    text = XML_COMMENT.sub(lambda found: "\n" * found.group(0).count("\n"), text)
    for number, line in enumerate(text.splitlines(), start=1):
        kept = line.split("#", 1)[0].strip()
        if kept:
            yield number, kept


def lexicon_file_kind(path: Path) -> str:
    """How a ``--lexicon`` file is read: "table" (verbs.tsv columns), "verbs" or "discards".

    A file whose name ends in .tsv is a table; one whose name says "discard" is a discard list;
    one ending in .verbpatterns, or holding ``--- VERB [code] ---`` lines, is a PETRARCH verb
    dictionary; anything else is read as a table.
    """
    name = path.name.lower()
    if name.endswith(".tsv"):
        return "table"
    if "discard" in name:
        return "discards"
    if name.endswith(VERB_FILE_SUFFIXES) or _has_verb_headers(path):
        return "verbs"
    return "table"


def actor_file_kind(path: Path) -> str:
    """How an ``--actors`` file is read: "user" (YAML or CSV), "agents" or "actors" (PETRARCH).

    .yaml, .yml, .csv and .tsv files are our own format. Other files are PETRARCH dictionaries:
    agents when the name says "agent" or codes look like ``[~GOV]``, actors otherwise.
    """
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".csv", ".tsv"):
        return "user"
    if "agent" in path.name.lower():
        return "agents"
    for _, line in itertools.islice(clean_lines(path), 200):
        if re.search(r"\[\s*~|~\s*\]", line):
            return "agents"
    return "actors"


def _has_verb_headers(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return any(VERB_HEADER.match(line.strip()) for line in itertools.islice(file, 5000))
    except OSError:
        return False


# -- verbs ---------------------------------------------------------------------------------------


@dataclass
class _Block:
    code: str
    verbs: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # lemma, words after the verb


def read_verbs(
    path: Path, known_codes: Iterable[str], lemmatize: Lemmatize | None = None
) -> tuple[list[Entry], Report]:
    """A PETRARCH verb dictionary as lexicon entries, and a report of what could not be loaded.

    known_codes: the CAMEO codes of the codebook; others (WEIS codes, typos) are not loaded.
    lemmatize: turns a word as written ("SAID", "TIES") and its part of speech ("VERB",
        "NOUN") into the lemma the parser gives ("say", "tie"); None keeps words as written.
    """
    path = Path(path)
    codes = set(known_codes)
    report = Report(path, what="lexicon entries")
    lines = list(clean_lines(path))
    synsets = _synsets(lines)
    entries: list[Entry] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    block: _Block | None = None
    in_synset = False

    def add(lemma: str, words: Iterable[str], code: str, text: str) -> None:
        pattern = frozenset(words)
        if (lemma, pattern) in seen:
            report.note("entries that repeat an earlier one (the first is kept)", text)
            return
        seen.add((lemma, pattern))
        entries.append(Entry(lemma, pattern, code, "", path.name))

    for number, line in lines:
        text = f"line {number}: {line}"
        header = VERB_HEADER.match(line)
        if header:
            block, in_synset = _Block((header.group("code") or "").strip()), False
            continue
        if line.startswith("&"):
            in_synset, block = True, None
            continue
        if line.startswith("+") and in_synset:
            continue  # a synset member: read beforehand by _synsets
        if block is None:
            report.note("lines outside any verb block, not read", text)
            continue
        if line.startswith("-"):  # a pattern: read once, then given to every verb of the block
            variants, raw_code = _pattern_variants(line[1:], synsets, report, text)
            code = _event_code(raw_code, codes, report, text) if variants else None
            if code:
                for (lemma, after), words in itertools.product(block.verbs, variants):
                    add(lemma, (*after, *_frame_words(words, lemmatize)), code, text)
            continue
        verb = _verb_line(line, block.code, lemmatize, report, text)
        if verb is not None:
            lemma, after, raw_code = verb
            block.verbs.append((lemma, after))
            code = _event_code(raw_code, codes, report, text)
            if code:
                add(lemma, after, code, text)
    report.loaded = len(entries)
    if not entries and not report.kinds:
        raise DataTableError(f"{path}: no PETRARCH verb blocks (--- VERB [code] ---) found")
    return entries, report


def _synsets(lines: list[tuple[int, str]]) -> dict[str, list[str]]:
    """Each ``&NAME`` and its ``+member`` lines (members may name other synsets)."""
    synsets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for _, line in lines:
        if line.startswith("&"):
            name = line.split()[0].rstrip("_").upper()
            current = synsets.setdefault(name, [])
        elif line.startswith("+") and current is not None:
            current.append(line[1:].strip())
        else:
            current = None
    return synsets


def _verb_line(
    line: str, block_code: str, lemmatize: Lemmatize | None, report: Report, text: str
) -> tuple[str, tuple[str, ...], str] | None:
    """A verb of a block: ``BAN {BANS BANNED}``, ``LASH OUT``, ``WIRE_+TAP [code]``.

    Returns (lemma, words after the verb, code). The word marked ``+`` is the verb, or
    else the first; words after it are particles the pattern asks for.
    """
    own = CODE_BLOCK.search(line)
    code = own.group(1).strip() if own else block_code
    phrase = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line)
    words = [w for w in re.split(r"[\s_]+", phrase) if w]
    if not words:
        report.note("verb lines with no verb, not read", text)
        return None
    head = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    if head > 0:
        report.note("verbs with words before them (WIRE_+TAP), not loaded", text)
        return None
    verb = words[0].lstrip("+").lower()
    lemma = lemmatize(verb, "VERB") if lemmatize else verb
    return lemma, tuple(w.lower() for w in words[1:]), code


def _pattern_variants(
    body: str, synsets: dict[str, list[str]], report: Report, text: str
) -> tuple[list[tuple[str, ...]], str]:
    """The word sets a ``- words * words [code]`` pattern stands for, one per synset choice,
    and its code as written; no word sets when it cannot be loaded (and the report says why)."""
    found = CODE_BLOCK.search(body)
    if not found:
        report.note("patterns without a [code], not loaded", text)
        return [], ""
    code = found.group(1).strip()
    tokens = _pattern_tokens(body[: found.start()])
    if "*" not in tokens:
        report.note("patterns without the verb (*), not loaded", text)
        return [], code
    star = tokens.index("*")
    before, after = tokens[:star], tokens[star + 1 :]
    if any(token not in PATTERN_MARKERS for token in before):
        report.note("patterns with words before the verb (auxiliaries, negation, order), not loaded", text)
        return [], code
    if any(token in PATTERN_MARKERS for token in tokens):
        report.note("patterns with actor positions ($ + ^ %) loaded without them: the parse finds the actors", text)
    words = [token for token in after if token not in PATTERN_MARKERS and token != "*"]
    if any(word.lower() in ARTICLES for word in words):
        report.note("patterns with articles (the, a, an) loaded without them", text)
        words = [word for word in words if word.lower() not in ARTICLES]
    if len(words) > 1:
        report.note("patterns of several words loaded as a word set (order and adjacency not kept)", text)
    choices = []
    for word in words:
        if word.startswith("&"):
            members = _expand(word, synsets, set())
            if not members:
                report.note("patterns naming a synset that is not defined, not loaded", text)
                return [], code
            choices.append(members)
        else:
            choices.append([(word.lower(),)])
    variants = 1
    for members in choices:
        variants *= len(members)
    if variants > MAX_SYNSET_VARIANTS:
        report.note(f"patterns whose synsets give over {MAX_SYNSET_VARIANTS} word sets, not loaded", text)
        return [], code
    return [tuple(w for part in combination for w in part) for combination in itertools.product(*choices)], code


def _frame_words(words: tuple[str, ...], lemmatize: Lemmatize | None) -> list[str]:
    """A pattern's words as our frame words: lemmas, and a preposition with the word after it as
    one "prep:noun" pair (``FOR_ASYLUM`` -> "for:asylum"), as the parse gives them."""
    lemmas = [lemmatize(word, "NOUN") if lemmatize and word not in PREPOSITIONS else word for word in words]
    found = []
    for index, word in enumerate(lemmas):
        if word in PREPOSITIONS and index + 1 < len(lemmas) and lemmas[index + 1] not in PREPOSITIONS:
            found.append(f"{word}:{lemmas[index + 1]}")
        elif index == 0 or lemmas[index - 1] not in PREPOSITIONS or word in PREPOSITIONS:
            found.append(word)
    return found


def _pattern_tokens(text: str) -> list[str]:
    """ "SUGGESTED_+ * DEMAND_&GENINT" -> SUGGESTED, +, *, DEMAND, &GENINT; markers split from words."""
    tokens = []
    for raw in re.split(r"[\s_]+", text):
        while raw and raw[0] in PATTERN_MARKERS | {"*"} and len(raw) > 1:
            tokens.append(raw[0])
            raw = raw[1:]
        while raw and raw[-1] in PATTERN_MARKERS | {"*"} and len(raw) > 1:
            tokens.append(raw[-1])
            raw = raw[:-1]
        if raw:
            tokens.append(raw)
    return tokens


def _expand(name: str, synsets: dict[str, list[str]], seen: set[str]) -> list[tuple[str, ...]]:
    """A synset's members as word tuples; a member naming another synset is that synset's members."""
    key = name.rstrip("_").upper()
    if key in seen:
        return []  # a synset naming itself would never end
    members: list[tuple[str, ...]] = []
    for member in synsets.get(key, []):
        if member.startswith("&"):
            members.extend(_expand(member, synsets, seen | {key}))
        else:
            words = tuple(w.lower() for w in re.split(r"[\s_]+", member) if w and w.lower() not in ARTICLES)
            if words:
                members.append(words)
    return list(dict.fromkeys(members))


def _event_code(raw: str, codes: set[str], report: Report, text: str) -> str | None:
    """The CAMEO code of ``[042]``; ``[031:032]`` keeps its first; others are reported."""
    if raw in ("---", ""):
        report.note("verbs and patterns coded --- (no event), not loaded: the verb alone decides", text)
        return None
    if ":" in raw:
        report.note("paired codes (x:y) loaded with the first: reciprocal verbs code both ways by our rules", text)
        raw = raw.split(":", 1)[0].strip()
    if raw not in codes:
        report.note("verbs and patterns with codes outside the CAMEO codebook, not loaded", text)
        return None
    return raw


# -- actors --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedCode:
    """One code block of an actor: the code and the days it holds (None: open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    dated: bool = False


def read_actors(path: Path) -> tuple[list, Report]:
    """A PETRARCH actor dictionary as UserActors, one per name and dated code, and a report."""
    from ..actors.user import CODE, UserActor

    path = Path(path)
    report = Report(path, what="actor names")
    actors: list[UserActor] = []
    for names, blocks, where in _actor_entries(path, report):
        codes = []
        for block in blocks:
            parsed = _dated_code(block, report, f"{where}: [{block}]")
            if parsed is None:
                continue
            if not CODE.match(parsed.code):
                report.note("actor codes that are not codes (letters, digits, -), not loaded", f"{where}: [{block}]")
                continue
            codes.append(parsed)
        if not codes:
            report.note("actors without a usable code, not loaded", where)
            continue
        country = _is_country(codes[0].code) and all(_is_country(c.code) for c in codes)
        for code, start, end in _holding_days(codes, report, where):
            actors.append(
                UserActor(names[0], tuple(names), code, start, end, f"{where}", country=country, any_case=True)
            )
        report.loaded += len(names)
    if not actors and not report.kinds:
        raise DataTableError(f"{path}: no actors (NAME [CODE]) found")
    return actors, report


def _actor_entries(path: Path, report: Report) -> Iterator[tuple[list[str], list[str], str]]:
    """(names, code blocks, where) for each entry: a name line, its ``+`` names, its code lines."""
    names: list[str] = []
    blocks: list[str] = []
    where = ""
    for number, line in clean_lines(path):
        if line.startswith("["):
            blocks.extend(CODE_BLOCK.findall(line))
            continue
        if line.startswith("+"):
            name = _name(line[1:])
            if name and names:
                names.append(name)
            continue
        if names and blocks:
            yield names, blocks, where
            names, blocks = [], []
        elif names:
            # a name line without codes may be followed by its codes; a second name means it had none
            report.note("actors without a code, not loaded", where)
            names = []
        name = _name(CODE_BLOCK.sub(" ", line))
        if not name:
            report.note("lines without a name, not read", f"line {number}: {line}")
            continue
        names, blocks, where = [name], CODE_BLOCK.findall(line), f"{path}: line {number}"
    if names and blocks:
        yield names, blocks, where
    elif names:
        report.note("actors without a code, not loaded", where)


def _name(text: str) -> str:
    """ "MINAS_TIRITH_" -> "MINAS TIRITH": underscores join words; a trailing one ends the name."""
    return " ".join(text.replace("_", " ").split())


def _dated_code(block: str, report: Report, where: str) -> DatedCode | None:
    """ "HOB <950601", "HOBGOV 19950601 - 19990815", "HOBREB >990816", "ISR"."""
    parts = block.split(None, 1)
    if not parts:
        report.note("empty code blocks [], not loaded", where)
        return None
    code = parts[0].upper()
    if "/" in code:
        report.note("codes naming several actors (A/B) loaded with the first", where)
        code = code.split("/", 1)[0]
    if len(parts) == 1:
        return DatedCode(code)
    rest = parts[1].replace(" ", "")
    try:
        if rest.startswith("<"):
            return DatedCode(code, None, _day(rest[1:]) - dt.timedelta(days=1), True)
        if rest.startswith(">"):
            return DatedCode(code, _day(rest[1:]), None, True)
        first, last = rest.split("-", 1)
        return DatedCode(code, _day(first), _day(last), True)
    except ValueError:
        report.note("code dates that are not YYMMDD or YYYYMMDD, not loaded", where)
        return None


def _day(text: str) -> dt.date:
    """YYYYMMDD, or YYMMDD with years 30-99 in the 1900s and 00-29 in the 2000s."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(text)
    if len(text) == 6:
        year = int(text[:2])
        text = f"{1900 + year if year >= 30 else 2000 + year}{text[2:]}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


Interval = tuple[dt.date, dt.date]


def _holding_days(
    codes: list[DatedCode], report: Report, where: str
) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """Each code with the days it holds, so that on any day at most one code holds.

    A dated code listed earlier wins over a later one it overlaps; the code without dates holds
    on the days no dated code does.
    """
    taken: list[Interval] = []
    held: list[tuple[str, Interval]] = []
    for code in (c for c in codes if c.dated):
        span = (code.start or dt.date.min, code.end or dt.date.max)
        for piece in _minus(span, taken):
            held.append((code.code, piece))
        taken.append(span)
    undated = [c for c in codes if not c.dated]
    if len(undated) > 1:
        report.note("actors with several codes without dates, loaded with the first", where)
    if undated:
        for piece in _minus((dt.date.min, dt.date.max), taken):
            held.append((undated[0].code, piece))
    return [
        (code, None if start == dt.date.min else start, None if end == dt.date.max else end)
        for code, (start, end) in held
    ]


def _minus(span: Interval, taken: list[Interval]) -> list[Interval]:
    """The days of ``span`` (inclusive) outside every interval of ``taken``."""
    pieces = [span]
    for start, end in taken:
        kept = []
        for lo, hi in pieces:
            if end < lo or start > hi:
                kept.append((lo, hi))
                continue
            if lo < start:
                kept.append((lo, start - dt.timedelta(days=1)))
            if hi > end:
                kept.append((end + dt.timedelta(days=1), hi))
        pieces = kept
    return pieces


def _is_country(code: str) -> bool:
    """A three-letter code that is not one of PETRARCH's kinds of actor stands for a country."""
    return len(code) == 3 and code.isalpha() and code not in NON_STATE_PREFIXES


# -- agents --------------------------------------------------------------------------------------


def read_agents(path: Path) -> tuple[dict[tuple[str, ...], tuple[str, ...]], Report]:
    """A PETRARCH agent dictionary as rows of our roles table: title words -> role codes."""
    path = Path(path)
    report = Report(path, what="agent phrases")
    words: dict[str, list[str]] = {}
    roles: dict[tuple[str, ...], tuple[str, ...]] = {}
    for number, line in clean_lines(path):
        where = f"line {number}: {line}"
        if re.match(r"^!\w+!\s*=", line):
            name, members = line.split("=", 1)
            words[name.strip().upper()] = [m.strip().lower() for m in members.split(",") if m.strip()]
            continue
        found = CODE_BLOCK.search(line)
        if not found:
            report.note("agent lines without a [code], not read", where)
            continue
        code = found.group(1).replace(" ", "").upper()
        if code.endswith("~") or not code.startswith("~"):
            report.note("agent codes written before the actor's (XXX~), not loaded", where)
            continue
        rest = code[1:]
        if not rest or len(rest) % 3 or not rest.isalpha():
            report.note("agent codes that are not three-letter roles, not loaded", where)
            continue
        codes = tuple(rest[i : i + 3] for i in range(0, len(rest), 3))
        phrase = line[: found.start()]
        plurals = re.search(r"\{([^}]*)\}", phrase)
        phrase = re.sub(r"\{[^}]*\}", " ", phrase)
        forms = [phrase, *(plurals.group(1).split() if plurals else [])]
        for form in forms:
            for title in _substituted(form, words):
                roles.setdefault(title, codes)
    report.loaded = len(roles)
    if not roles and not report.kinds:
        raise DataTableError(f"{path}: no agents (PHRASE [~CODE]) found")
    return roles, report


def _substituted(text: str, words: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """ "CONGRESS!PERSON!" -> (congressman,), (congressmen,), ...: each ``!NAME!`` by each of its words."""
    parts = re.split(r"(!\w+!)", text.lower())
    choices = [words.get(part.upper(), [""]) if part.startswith("!") else [part] for part in parts]
    titles = []
    for combination in itertools.product(*choices):
        title = tuple(" ".join("".join(combination).replace("_", " ").split()).split())
        if title:
            titles.append(title)
    return titles


# -- discards ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Discards:
    """Phrases that void a sentence's events, or (story phrases) every event of the story."""

    sentence: tuple[str, ...] = ()
    story: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sentence or self.story)

    def voids_story(self, text: str) -> bool:
        return _contains_any(text, self.story)

    def voids_sentence(self, text: str) -> bool:
        return _contains_any(text, self.sentence)

    def __add__(self, other: Discards) -> Discards:
        return Discards(self.sentence + other.sentence, self.story + other.story)


def _contains_any(text: str, phrases: tuple[str, ...]) -> bool:
    return bool(phrases) and _phrase_pattern(phrases).search(text) is not None


@functools.cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the phrases as whole words, in any case, whatever blanks stand between their words."""
    alternatives = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def read_discards(path: Path) -> tuple[Discards, Report]:
    """A PETRARCH discard list: ``PHRASE`` voids its sentence, ``+PHRASE`` its whole story."""
    path = Path(path)
    report = Report(path, what="discard phrases")
    sentence: list[str] = []
    story: list[str] = []
    for _, line in clean_lines(path):
        whole = line.startswith("+")
        phrase = " ".join(line.lstrip("+").replace("_", " ").lower().split())
        if phrase:
            (story if whole else sentence).append(phrase)
    report.loaded = len(sentence) + len(story)
    return Discards(tuple(sentence), tuple(story)), report


# -- a user's files, whatever their format ---------------------------------------------------------


@dataclass
class UserFiles:
    """What a run's ``--lexicon`` and ``--actors`` files give the coder, read and translated."""

    verb_tables: list[Path] = field(default_factory=list)  # our own verbs.tsv format, read by Lexicon.load
    verb_entries: list[Entry] = field(default_factory=list)
    discards: Discards = field(default_factory=Discards)
    actors: list = field(default_factory=list)  # UserActors
    roles: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # one line a file and a kind of thing not loaded


def read_user_files(
    lexicon_paths: Iterable[Path],
    actor_paths: Iterable[Path],
    *,
    known_codes: Iterable[str],
    lemmatize: Lemmatize | None = None,
) -> UserFiles:
    """Read each file in the format its name or content shows (see lexicon_file_kind, actor_file_kind)."""
    from ..actors.user import load_user_actors

    files = UserFiles()
    codes = set(known_codes)
    for path in map(Path, lexicon_paths):
        _exists(path, "lexicon")
        kind = lexicon_file_kind(path)
        if kind == "table":
            files.verb_tables.append(path)
        elif kind == "verbs":
            entries, report = read_verbs(path, codes, lemmatize)
            files.verb_entries.extend(entries)
            files.notes.extend(report.lines())
        else:
            discards, report = read_discards(path)
            files.discards = files.discards + discards
            files.notes.extend(report.lines())
    for path in map(Path, actor_paths):
        _exists(path, "actor dictionary")
        kind = actor_file_kind(path)
        if kind == "user":
            files.actors.extend(load_user_actors(path))
        elif kind == "agents":
            roles, report = read_agents(path)
            files.roles.update({title: role for title, role in roles.items() if title not in files.roles})
            files.notes.extend(report.lines())
        else:
            actors, report = read_actors(path)
            files.actors.extend(actors)
            files.notes.extend(report.lines())
    return files


def _exists(path: Path, what: str) -> None:
    if not path.is_file():
        raise DataTableError(f"{path}: no such {what}")


def verb_lemmatizer(nlp) -> Lemmatize:
    """The lemma spaCy gives a word written alone ("said", VERB -> "say"), as the parse will give it in text."""
    try:
        lemmatizer = nlp.get_pipe("lemmatizer")
    except KeyError:
        return lambda word, pos: word

    index = lemmatizer.lookups.get_table("lemma_index", {})

    def lemma(word: str, pos: str) -> str:
        doc = nlp.make_doc(word)
        if len(doc) != 1:
            return word  # "n't", "peace-keeping": kept as written
        if word in index.get(pos.lower(), ()):
            return word  # a base form already: the suffix rules would clip "address" to "addres"
        doc[0].pos_ = pos
        found = lemmatizer.rule_lemmatize(doc[0])
        return found[0].lower() if found else word

    return lemma
