"""Files read as bounded streams: the encoding told by a byte-order mark, lines of at most a set size.

Readers never hold more than one record (a line, a CSV row, a text file) in
memory, and a record longer than the limit is reported and skipped, so a 2 GB
line costs no more memory than the limit.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..errors import InputError, Messages

ErrorHandler = Callable[[InputError], None]
HEAD_BYTES = 65536  # what is looked at to tell binary from text
# Binary bytes behind a UTF-16 mark decode "successfully" into unassigned and
# private-use characters; text has almost none. Share of them that means binary:
NOT_CHARACTERS = 0.1
SKIP_CHUNK = 1 << 20  # bytes read at a time while skipping the rest of a too long line
# UTF-32 marks first: the UTF-32 little-endian mark starts with the UTF-16 one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def encoding_of(head: bytes) -> str:
    """The encoding a byte-order mark announces; UTF-8 without one."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    return "utf-8"


def decode(content: bytes, origin: str) -> str:
    """Decode a whole file's bytes (UTF-8, or UTF-16/32 with a byte-order mark), refusing binary and empty files."""
    encoding = encoding_of(content[:4])
    if encoding == "utf-8" and b"\x00" in content[:HEAD_BYTES]:
        raise InputError(origin, Messages.NOT_TEXT)
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(origin, Messages.NOT_TEXT) from error
    if encoding != "utf-8" and _mostly_not_characters(text):
        raise InputError(origin, Messages.NOT_TEXT)
    if not text.strip():
        raise InputError(origin, Messages.EMPTY_FILE)
    return text


def read_bounded(stream: BinaryIO, origin: str, limit: int) -> bytes:
    """All of a stream's bytes, or an InputError when there are more than ``limit``."""
    content = stream.read(limit + 1)
    if len(content) > limit:
        raise InputError(origin, Messages.FILE_TOO_LARGE.format(limit=limit))
    return content


def read_lines(stream: BinaryIO, origin: str, limit: int, on_error: ErrorHandler) -> Iterator[tuple[int, str]]:
    """The lines of a text stream with their numbers (from 1), line endings kept.

    A line longer than ``limit`` bytes, or not in the file's encoding, is handed
    to ``on_error`` and skipped; an empty or binary file is reported once.
    """
    head = _peek(stream)
    encoding = encoding_of(head)
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        found = yield from _wide_lines(stream, encoding, origin, limit, on_error)
    elif b"\x00" in head:
        on_error(InputError(origin, Messages.NOT_TEXT))
        return
    else:
        if encoding == "utf-8-sig":
            stream.read(len(codecs.BOM_UTF8))
        found = yield from _utf8_lines(stream, origin, limit, on_error)
    if not found:
        on_error(InputError(origin, Messages.EMPTY_FILE))


def _utf8_lines(stream: BinaryIO, origin: str, limit: int, on_error: ErrorHandler):
    number = 0
    found = False
    while raw := stream.readline(limit + 1):
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            on_error(InputError(origin, Messages.LINE_TOO_LONG.format(limit=limit), number))
            while (rest := stream.readline(SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            found = True
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problem = Messages.NOT_UTF8.format(byte=raw[error.start], column=error.start + 1)
            on_error(InputError(origin, problem, number))
            found = True
            continue
        found = found or bool(line.strip())
        yield number, line
    return found


def _wide_lines(stream: BinaryIO, encoding: str, origin: str, limit: int, on_error: ErrorHandler):
    # A UTF-16/32 file is decoded as a whole stream; the limit counts characters.
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    number = 0
    found = False
    try:
        while line := text.readline(limit + 1):
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                on_error(InputError(origin, Messages.LINE_TOO_LONG.format(limit=limit), number))
                while (rest := text.readline(SKIP_CHUNK)) and not rest.endswith("\n"):
                    pass
                found = True
                continue
            if number == 1 and _mostly_not_characters(line):
                on_error(InputError(origin, Messages.NOT_TEXT))
                return True
            found = found or bool(line.strip())
            yield number, line
    except UnicodeDecodeError:
        on_error(InputError(origin, Messages.NOT_TEXT, number + 1))
        found = True
    finally:
        text.detach()
    return found


def _mostly_not_characters(text: str) -> bool:
    sample = text[:4096]
    odd = sum(1 for char in sample if unicodedata.category(char) in ("Cn", "Co", "Cs"))
    return odd > NOT_CHARACTERS * max(len(sample.strip()), 1)


def _peek(stream: BinaryIO) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is None:
        raise TypeError("read_lines needs a buffered binary stream (open(path, 'rb'))")
    return peek(HEAD_BYTES)[:HEAD_BYTES]
