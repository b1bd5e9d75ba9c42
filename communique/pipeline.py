"""The Coder: the whole flow on one screen.

    Article -> clean -> parse -> actors -> events -> where -> when -> merge

This is the only module that imports every stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from typing import Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorCoder
from .actors.tables import load_roles
from .clean import clean_article
from .errors import InputError, Messages
from .events import CODER_VERSION, Codebook, EventCoder, Lexicon
from .events.petrarch_format import Discards, read_user_files, verb_lemmatizer
from .limits import StoryTimeout, time_limit
from .merge import merge_events
from .parse import Parser, load_pipeline
from .pool import CodingPool
from .records import Article, Event, Mention
from .settings import Settings, split_paths
from .sources.fields import article_id
from .when import date_events
from .where import Gazetteer, place_events

ErrorHandler = Callable[[InputError], None]
T = TypeVar("T")
# Coded once when a Coder loads (``Coder.warm_up``): it passes through every stage,
# so that what each loads on first use is loaded before the first story's time limit.
WARM_UP = (
    "PARIS (Reuters) - The French foreign minister met his German counterpart in Berlin "
    "on Monday at 10 a.m. local time and said the two countries would work together."
)


@dataclass(frozen=True)
class Step:
    """One coded predicate: its words, its code and actors, and the rule that gave them."""

    sentence: int
    trigger: str
    cameo: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    modality: str
    rule: str


@dataclass(frozen=True)
class Explanation:
    """What the coder saw and did with one text, stage by stage."""

    article: Article
    parse: tuple[tuple[int, str, str, str, str, int], ...]  # index, word, lemma, part of speech, dependency, head
    mentions: tuple[Mention, ...]
    steps: tuple[Step, ...]
    events: tuple[Event, ...]


def _raise(error: InputError) -> None:
    raise error


class Coder:
    """Codes news stories into events. Load it once; call it on an Article or ``pipe`` many.

    settings: the run's options (Settings()).
    nlp: a loaded spaCy pipeline, to share one between coders; None loads it by
        ``settings.model`` (with ``settings.workers`` above 1, only the worker processes load one).
    lexicon: an event Lexicon, to code with other tables than the bundled ones.
    """

    version = CODER_VERSION
    _verb_lemma: Callable[[str, str], str] | None = None

    def __init__(
        self, settings: Settings | None = None, *, nlp: Language | None = None, lexicon: Lexicon | None = None
    ) -> None:
        self.settings = settings or Settings()
        if nlp is not None:
            self.nlp = nlp
        # The user's files, in our formats or PETRARCH's; ``notes`` says what they held that was not loaded.
        # Read here, in the calling process, so that a bad file is one error before any worker starts.
        files = read_user_files(
            split_paths(self.settings.lexicon),
            split_paths(self.settings.actors),
            known_codes=Codebook.load().codes,
            lemmatize=self._lemmatize,
        )
        self.notes = files.notes
        self.discards = files.discards
        self._user_actors = files.actors or None
        self._roles = {**load_roles(), **files.roles} if files.roles else None
        if lexicon is None and (files.verb_tables or files.verb_entries):
            lexicon = Lexicon.load(extra_verbs=files.verb_tables, extra_entries=files.verb_entries)
        self._lexicon = lexicon
        self._pool: CodingPool | None = None
        if self.settings.workers == 1:
            # This process codes: load the stages now, so that no story's time limit counts their loading.
            self.warm_up()

    # The stages load on first use: with ``settings.workers`` above 1 they load in the
    # worker processes only, and the calling process, which reads and stores, holds no
    # spaCy pipeline (about 220 MB).
    @cached_property
    def nlp(self) -> Language:
        return load_pipeline(self.settings.model)

    @cached_property
    def parser(self) -> Parser:
        return Parser(self.nlp, batch_size=self.settings.batch_size)

    @cached_property
    def actor_coder(self) -> ActorCoder:
        return ActorCoder(self.nlp, user=self._user_actors, roles=self._roles)

    @cached_property
    def event_coder(self) -> EventCoder:
        return EventCoder(lexicon=self._lexicon, settings=self.settings)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer(self.actor_coder.countries)

    def _lemmatize(self, word: str, pos: str) -> str:
        # Only a PETRARCH verb file asks, and only then is the pipeline loaded for it.
        if self._verb_lemma is None:
            self._verb_lemma = verb_lemmatizer(self.nlp)
        return self._verb_lemma(word, pos)

    def warm_up(self) -> None:
        """Load every stage and code a short story, so that what loads on first use
        (the language identifier, the time-zone tables) is loaded before any story's time limit runs."""
        # Every stage loads before the first parse, as when they loaded in the constructor:
        # the actor tables add their words to the pipeline's vocabulary.
        parser, *_ = (self.parser, self.actor_coder, self.event_coder, self.gazetteer)
        article = clean_article(Article(id="warm-up", text=WARM_UP, published=dt.date(2020, 1, 6)))
        self.code_doc_mentions(article, parser(article.text))

    def __enter__(self) -> Coder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes, if ``settings.workers`` started some (they start on the first ``pipe``)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def start_workers(self) -> None:
        """Start the worker processes now and wait until each has loaded its pipeline (with workers > 1)."""
        if self.settings.workers > 1:
            self._workers().warm()

    def _workers(self) -> CodingPool:
        if self._pool is None:
            self._pool = CodingPool(self.settings, lexicon=self._lexicon)
        return self._pool

    def __call__(self, article: Article | str, *, published: dt.date | None = None) -> list[Event]:
        """Code one story and return its events.

        article: an Article, or the text of a story.
        published: the publication date of a story given as text.
        """
        if isinstance(article, str):
            article = Article(id=article_id("", "", article), text=article, published=published)
        for _, events in self.pipe([article]):
            return events
        return []

    def pipe(
        self, articles: Iterable[Article], *, on_error: ErrorHandler = _raise
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code a stream of stories, in order.

        articles: Articles as read by ``read_articles``.
        on_error: called with an InputError for a story that cannot be coded
            (too long, or failing in a stage); the rest are still coded.
        Yields (cleaned Article, its Events); a story not in English yields no events.
        """
        for article, events, _ in self.pipe_mentions(articles, on_error=on_error):
            yield article, events

    def pipe_mentions(
        self, articles: Iterable[Article], *, on_error: ErrorHandler = _raise
    ) -> Iterator[tuple[Article, list[Event], list[Mention]]]:
        """Code a stream of stories as ``pipe`` does, and yield each story's actor mentions too:
        (cleaned Article, its Events, its Mentions, unknown ones included with ``known=False``).

        With ``settings.workers`` above 1 the stories are coded in that many
        worker processes (started on first use, kept until ``close``), and
        come back in input order: the same events as with one.
        """
        if self.settings.workers > 1:
            yield from self._workers().code(articles, on_error)
            return
        ready = self._cleaned(articles, on_error)
        limit = self.settings.max_sentences
        # A story not in English is not parsed: it is passed on, stored and reported, uncoded.
        texts = ((article.text if article.language == "en" else "", article) for article in ready)
        for doc, article in self.parser.parse_articles(texts):
            count = sum(1 for _ in doc.sents) if len(doc) > limit else 0  # fewer words than the limit: fewer sentences
            where = article.origin or article.id
            if count > limit:
                on_error(InputError(where, Messages.TOO_MANY_SENTENCES.format(count=count, limit=limit)))
                continue
            try:
                with time_limit(self.settings.story_timeout):
                    events, mentions = self.code_doc_mentions(article, doc)
            except StoryTimeout:
                on_error(InputError(where, Messages.TIMED_OUT.format(seconds=self.settings.story_timeout)))
                continue
            except Exception as error:  # one bad story must not stop the batch
                on_error(InputError(where, f"could not be coded: {error!r}"))
                continue
            yield article, events, mentions

    def code_doc(self, article: Article, doc: Doc) -> list[Event]:
        """Run the stages after parsing on one cleaned, parsed story."""
        return self.code_doc_mentions(article, doc)[0]

    def code_doc_mentions(self, article: Article, doc: Doc) -> tuple[list[Event], list[Mention]]:
        """Run the stages after parsing on one story; return its events and its actor mentions."""
        if article.language != "en" or not article.text:
            return [], []
        mentions = self.actor_coder(article, doc)
        events = self.event_coder(article, doc, mentions)
        if self.discards:
            events = discarded(events, article, self.discards)
        events = place_events(article, doc, events, self.gazetteer)
        events = date_events(article, doc, events)
        return merge_events(events), mentions + self.actor_coder.unknown(doc, mentions)

    def explain(self, text: str, *, published: dt.date | None = None) -> Explanation:
        """Code a text and keep every step: the parse, the actors, the rules that fired, the events."""
        article = clean_article(Article(id=article_id("", "", text), text=text, published=published))
        doc = self.parser(article.text)
        mentions = self.actor_coder(article, doc)
        steps = []
        for number, predicate in self.event_coder.predicates(doc, mentions):
            steps.append(
                Step(
                    sentence=number,
                    trigger=" ".join(token.text for token in predicate.trigger),
                    cameo=predicate.cameo,
                    sources=tuple(m.actor.code for m in predicate.sources),
                    targets=tuple(m.actor.code for m in predicate.targets),
                    modality=predicate.modality,
                    rule=predicate.rule,
                )
            )
        parse = tuple((t.i, t.text, t.lemma_, t.pos_, t.dep_, t.head.i) for t in doc if not t.is_space)
        events, mentions = self.code_doc_mentions(article, doc)
        mentions.sort(key=lambda mention: mention.start)
        return Explanation(article, parse, tuple(mentions), tuple(steps), tuple(events))

    def _cleaned(self, articles: Iterable[Article], on_error: ErrorHandler) -> Iterator[Article]:
        limit = self.settings.max_chars
        for article in articles:
            if len(article.text) > limit:
                problem = Messages.TOO_LONG.format(size=len(article.text), limit=limit)
                on_error(InputError(article.origin or article.id, problem))
                continue
            try:
                with time_limit(self.settings.story_timeout):
                    cleaned = clean_article(article)
            except StoryTimeout:
                seconds = self.settings.story_timeout
                on_error(InputError(article.origin or article.id, Messages.TIMED_OUT.format(seconds=seconds)))
                continue
            yield cleaned


def discarded(events: list[Event], article: Article, discards: Discards) -> list[Event]:
    """The events a PETRARCH discard list leaves: none when the story holds a story phrase
    ("+World Golf Championships"), none from a sentence that holds a sentence phrase."""
    if discards.voids_story(article.text):
        return []
    return [event for event in events if not discards.voids_sentence(event.evidence)]


class StoredIds(Protocol):
    def stored_ids(self, ids: list[str], coder_version: str) -> set[str]: ...


def skip_stored(
    articles: Iterable[Article],
    store: StoredIds,
    coder_version: str,
    *,
    chunk: int = 500,
    on_skip: Callable[[Article], None] = lambda _: None,
) -> Iterator[Article]:
    """The articles not yet stored by this coder version, so that a killed job started again goes on where it stopped.

    Asks the store about ``chunk`` articles at a time: memory stays bounded
    however many are stored. An article met twice in the input is coded twice
    and stored once (the store upserts by id). ``on_skip`` is called with each
    article skipped.
    """
    stream = iter(articles)
    while batch := list(islice(stream, chunk)):
        done = store.stored_ids([article.id for article in batch], coder_version)
        for article in batch:
            if article.id in done:
                on_skip(article)
            else:
                yield article


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter): one stored transaction each."""
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch
