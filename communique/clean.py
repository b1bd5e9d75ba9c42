"""Clean: separate story text from wire furniture.

Datelines ("SEOUL, June 17 (Yonhap) --") become metadata; trailing credits
("(AP)"), copyright footers and photo captions leave the text (captions are
kept in ``Article.captions``); paragraphs not in English are set aside in
``Article.other_language`` and not coded. A story with no English paragraph
keeps its text and gets its language's ISO 639-1 code (py3langid, offline);
the Coder skips it and says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from .records import Article

# "SEOUL, June 17 (Yonhap) -- " or "NAIROBI, Kenya (AP) — " or "GENEVA -- ", or with the time
# the story was filed: "BEIRUT, March 3, 11:40 p.m. EET (Reuters) - ". That time is when it was
# told, not when anything happened: it leaves the text with the rest of the dateline.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.' ]{1,30}?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    # the time it was filed, with its zone: "March 3, 10:45 p.m. EST", "Jan 5 0930 GMT"
    r"(?:,?\s*(?P<time>\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|\d{4}|\d{1,2}:\d{2})(?:\s+(?P<zone>[A-Z]{1,5}))?)?"
    r"\s*(?:\((?P<credit>[^()\n]{1,40})\))?"
    r"\s*(?:--|—|–|-|:)\s+"
)
# A wire credit closing a paragraph, after the sentence's own full stop: "... on Monday. (AP)"
TRAILING_CREDIT = re.compile(r"(?<=[.!?\"'”’])\s*\((?:[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})\)\s*$")
FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|all rights reserved|^\(?end\)?$|무단|전재|재배포|版权|著作権",
    re.IGNORECASE,
)
CAPTION_POSITION = re.compile(r"\((?:L|R|C|left|right|center|centre|2nd [LR]|front|back)\)")
CAPTION_VERBS = re.compile(
    r"\b(?:walks? with|poses?|pose for|shakes? hands|shaking hands|waves?|"
    r"arrives? (?:at|in)|is seen|are seen|looks? on|attends?|gestures?|speaks? during)\b"
)
FULL_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}\b"
)
# Common English function words. A paragraph the language identifier is unsure
# about is English when it has more of these than of other languages' ones, or
# none of either: names and titles fill short news sentences ("Indian Prime
# Minister Narendra Modi met ..."), and on them the identifier guesses wildly.
ENGLISH_WORDS = frozenset(
    "the a an of to in on and for with at by from is are was were has have had "
    "it its this that said says will would not be been as he she they their his her".split()
)
# Function words of the other languages most common in wire copy (French,
# Spanish, Portuguese, German, Italian).
OTHER_WORDS = frozenset(
    "le la les des du et est une un que qui pour dans avec sur nous vous ils elle au aux "
    "el los las del y por para con una es se lo como pero más "
    "os das não em uma com "
    "der die das und ist nicht mit sich auf den dem ein eine "
    "il di che per non sono della".split()
)
# py3langid's normalised probability above which its answer stands on its own.
# Tuned by hand on one-sentence wire paragraphs: other-language sentences of
# eight words score 0.93 and up; English sentences full of names can score
# under 0.3 for Tagalog or Dutch. Rerun tests/test_clean.py after a change.
SURE = 0.9
WORD = re.compile(r"[^\W\d_]+")
MONTH_NUMBERS = {
    name: number for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}


def clean_article(article: Article) -> Article:
    """Return the article with only story text left in ``text``.

    article: an Article as read from its source.
    Returns a new Article; its ``dateline``, ``captions`` and
    ``other_language`` hold what was taken out, and ``language`` is set.
    """
    paragraphs = split_paragraphs(article.text)
    dateline, dateline_day = "", article.dateline_day
    if paragraphs:
        match = DATELINE.match(paragraphs[0])
        if match and _is_place(match.group("place")) and (match.group("date") or match.group("credit")):
            dateline = match.group("place").strip().title()
            dateline_day = day_near(match.group("date") or "", article.published) or dateline_day
            paragraphs[0] = paragraphs[0][match.end() :]
    story, captions, other = [], [], []
    for paragraph in paragraphs:
        paragraph = TRAILING_CREDIT.sub("", paragraph).strip()
        if not paragraph or FOOTER.search(paragraph) and len(paragraph) < 300:
            continue
        if is_caption(paragraph):
            captions.append(paragraph)
        elif not is_english(paragraph):
            other.append(paragraph)
        else:
            story.append(paragraph)
    given = article.language.split("-")[0].split("_")[0].lower()  # "en-GB" is English
    if given and given != "en" or not story and other:
        # Not an English story: it is kept whole, in its language, for a later translation step.
        return dataclasses.replace(
            article,
            text="\n\n".join(other + story),
            dateline=dateline or article.dateline,
            dateline_day=dateline_day,
            captions=article.captions + tuple(captions),
            language=(given if given != "en" else "") or detect_language(" ".join(other)) or "und",
        )
    return dataclasses.replace(
        article,
        text="\n\n".join(story),
        dateline=dateline or article.dateline,
        dateline_day=dateline_day,
        captions=article.captions + tuple(captions),
        other_language=article.other_language + tuple(other),
        language="en",
    )


def day_near(month_day: str, published: dt.date | None) -> dt.date | None:
    """The day a dateline's "June 17" or "Jan. 5" names, in the year that puts it nearest the
    publication date; None when it names no day or lies more than two days from it (then the
    dateline is not today's story, or the publication date is wrong, and neither is trusted)."""
    parts = month_day.replace(".", " ").split()
    if published is None or len(parts) != 2 or not parts[1].isdigit():
        return None
    month = MONTH_NUMBERS.get(parts[0].lower()[:3])
    days = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            days.append(dt.date(year, month or 0, int(parts[1])))
        except ValueError:
            continue
    nearest = min(days, key=lambda day: abs(day - published), default=None)
    return nearest if nearest is not None and abs(nearest - published) <= dt.timedelta(days=2) else None


def split_paragraphs(text: str) -> list[str]:
    """Split on blank lines, or on single line breaks when the text has no blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(part.split()) for part in parts if part.strip()]


def is_caption(paragraph: str) -> bool:
    """A photo caption: people placed "(L)"/"(R)", or a who-walks-with-whom line with a full date."""
    if CAPTION_POSITION.search(paragraph):
        return True
    return bool(CAPTION_VERBS.search(paragraph) and FULL_DATE.search(paragraph))


def is_english(paragraph: str) -> bool:
    """Whether a paragraph is English: a sure answer of the language identifier, else function words."""
    found = WORD.findall(paragraph)
    words = [word.lower() for word in found]
    if not words:
        return False
    ascii_share = sum(word.isascii() for word in words) / len(words)
    if ascii_share < 0.5:
        return False
    language, probability = identify_language(paragraph)
    if language == "en":
        return True
    english = sum(word in ENGLISH_WORDS for word in words)
    # An acronym is a name, not a function word: "UN" is not French "un", nor "DIE" German.
    other = sum(word.lower() in OTHER_WORDS for word in found if not word.isupper())
    if probability >= SURE and len(words) >= 4 and english <= other:
        return False
    if len(words) < 6:
        return True
    # Names and titles can fill a sentence with no function word at all
    # ("Indian Prime Minister Narendra Modi met ..."): only other languages' words count against it.
    return english > other or other == 0


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language a text is written in ("en", "es", "ko"), or "" for no text."""
    if not WORD.search(text):
        return ""
    return identify_language(text)[0]


def identify_language(text: str) -> tuple[str, float]:
    """py3langid's best language for a text and its normalised probability."""
    return _identifier().classify(text)


@functools.cache
def _identifier():
    # Loaded once per process (about a second); the model ships inside the py3langid wheel.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _is_place(place: str) -> bool:
    # Datelines are in capitals; a sentence that merely starts with a capital word is not one.
    letters = [c for c in place if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
