"""Events: predicates and their actors -> CAMEO-coded Events.

The lexicon gives the CAMEO code; the codebook its name, Goldstein weight,
QuadClass and PLOVER type. Each source-target pair of a predicate is one
Event; reciprocal predicates of a compound subject ("South Korea and Russia
agreed") give one Event in each direction, as CAMEO does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from itertools import combinations, permutations

from spacy.tokens import Doc, Span

from .. import __version__
from ..actors.unknown import find_unknown
from ..errors import DataTableError, Messages
from ..records import Actor, Article, Event, Mention
from ..settings import Settings
from .cameo import Codebook
from .confidence import UNMEASURED, actors_kind, load_confidence
from .lexicon import Entry, Lexicon
from .predicates import MAKER_RULE, UNNAMED_DOER_RULE, MentionIndex, Predicate, PredicateFinder
from .quotes import Quotation, find_quotations, quoted_tokens, speaks_of_self
from .syntax import is_background

__all__ = ["EventCoder", "Codebook", "Lexicon", "Entry", "Predicate"]

CODER_VERSION = f"communique-{__version__}"
UNKNOWN_COUNTRY = "---"
NON_STATE_ROLES = frozenset({"REB", "UAF", "CRM", "INS", "SEP", "IMG"})
# Statements that say only that something was said, hoped or feared: given way to
# anything more telling the same speaker does in the same sentence.
BARE_STATEMENTS = frozenset({"010", "012", "013", "019"})
DEMAND_ROOTS = ("02", "10")
FORCE_CODES = ("18", "19", "20")
# CAMEO codes force between protesters and police as a riot (145) one way and violent
# repression (175) the other, not as a military clash (190).
DISSENT_ROLES = frozenset({"CVL", "OPP", "EDU", "LAB"})
POLICE_ROLES = frozenset({"COP"})
# Soldiers put on the street against protesters and rioters (OPP) do what police do: "troops clashed
# with rioters" is repression (175), the rioters' force on them a riot (145); not on civilians at large.
ARMY_ROLES, CROWD_ROLES = frozenset({"MIL"}), frozenset({"OPP"})
RIOT, REPRESSION, FORCE = "145", "175", "190"
# Soldiers or rebels storming a base are no violent protest (145): CAMEO codes their assault as force.
ARMED_ROLES = frozenset({"MIL", "REB", "INS", "UAF", "SEP"})
# People protest against their own state far more than a foreign one, and a state's army or
# police more often fights or arrests its own rebels and opposition than another's.
PROTEST_ROOT = "14"
# Threats of dissent, too: "the party will boycott Algeria's elections" is an Algerian party's.
DISSENT_THREATS = frozenset({"133"})
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY"})
OPPOSITION_ROLES = frozenset({"REB", "INS", "SEP", "OPP"})
# Cooperation, consultation and aid, and intents to them: parties as often foreign as not; and
# reductions of relations: "expelled two diplomats and closed a consulate" is no consulate of its own.
# Seizing or destroying property (171x) falls where the sentence places it, as force does: "Russian
# troops destroyed a hospital in Kharkiv" is on UKRHLH, not on a Russian hospital.
PROPERTY_CODES = ("171",)
INTERNATIONAL_CODES = ("030", "031", "032", "033", "036", "037", "038", "039", "04", "05", "06", "07", "16")
# A curfew, a state of emergency, martial law and limits on political freedom, imposed,
# threatened or eased, fall on the source's own people when the sentence names no one else:
# "Peru's cabinet is ready to declare a curfew" is its act on Peru's civilians (PERCVL), and
# so is "Peru lifted the curfew" on Peru's.
OWN_PEOPLE_CODES = frozenset({"0811", "0813", "0814", "1321", "1323", "1324", "1721", "1723", "1724"})


class EventCoder:
    """Holds the lexicon and codebook, and codes the events of parsed stories."""

    def __init__(
        self,
        *,
        lexicon: Lexicon | None = None,
        codebook: Codebook | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.lexicon = lexicon or Lexicon.load()
        self.codebook = codebook or Codebook.load(quad_scheme=self.settings.quad_scheme)
        unknown = sorted(self.lexicon.codes() - set(self.codebook.codes))
        if unknown:
            raise DataTableError(Messages.UNKNOWN_CODES.format(codes=", ".join(unknown)))
        self.finder = PredicateFinder(self.lexicon)
        self.confidence = load_confidence()

    def __call__(self, article: Article, doc: Doc, mentions: list[Mention]) -> list[Event]:
        return self.code_events(article, doc, mentions)

    def code_events(self, article: Article, doc: Doc, mentions: list[Mention]) -> list[Event]:
        """Code the events of one parsed story.

        article: the cleaned Article; doc: its parse; mentions: its coded actors.
        Returns Events in text order, without date or place (later stages add them).
        """
        places: dict[int, str] = {}
        for mention in mentions:
            if mention.place:
                places.setdefault(mention.sentence, mention.actor.country)
        events = []
        for number, sentence, predicates in self._sentence_predicates(doc, mentions):
            if not predicates:
                continue  # a sentence's text is built anew on each asking: only for the sentences with events
            evidence = Evidence.of(number, sentence)
            for predicate in predicates:
                events.extend(self._events(article, evidence, predicate, places.get(number, "")))
        return events

    def _sentence_predicates(self, doc: Doc, mentions: list[Mention]) -> list[tuple[int, Span, list[Predicate]]]:
        """Each sentence's predicates, quotations attributed, bare statements given way to better ones."""
        index = MentionIndex(mentions, find_unknown(doc, mentions))
        quotations = find_quotations(doc, mentions)
        quoted = quoted_tokens(doc) if quotations else set()
        found = []
        for number, sentence in enumerate(doc.sents):
            predicates = self.finder.find(sentence, index)
            if number in quotations:
                predicates = [_attributed(p, quotations[number]) if p.head.i in quoted else p for p in predicates]
            found.append((number, sentence, predicates))
        # A quotation's speaker acts across its sentences: '"We will send troops. ...," Erdogan said.'
        acting_in: dict[int, list[Predicate]] = {}
        for number, _, predicates in found:
            quotation = quotations.get(number)
            key = min(quotation.sentences) if quotation else -1 - number
            acting_in.setdefault(key, []).extend(predicates)
        kept = []
        for number, sentence, predicates in found:
            quotation = quotations.get(number)
            together = acting_in[min(quotation.sentences) if quotation else -1 - number]
            kept.append((number, sentence, _without_bare_statements(predicates, together)))
        return kept

    def predicates(self, doc: Doc, mentions: list[Mention]) -> list[tuple[int, Predicate]]:
        """The coded predicates of each sentence, before they become events (for explanations)."""
        return [(number, p) for number, _, predicates in self._sentence_predicates(doc, mentions) for p in predicates]

    def _events(self, article: Article, evidence: Evidence, predicate: Predicate, place: str) -> list[Event]:
        settings = self.settings
        if predicate.negated and not settings.keep_negated:
            return []
        if predicate.modality == "hypothetical" and not settings.keep_hypothetical:
            return []
        if predicate.modality == "asserted" and predicate.cameo.startswith(DEMAND_ROOTS):
            predicate = replace(predicate, modality="demanded")  # what an appeal asks for is not done
        if predicate.modality == "asserted" and is_background(predicate.head, _year(article)):
            predicate = replace(predicate, modality="historical")
        if predicate.modality == "historical" and not settings.keep_historical:
            return []
        if predicate.cameo not in self.codebook:
            return []
        if predicate.cameo.startswith("01") and not settings.statements:
            return []
        if predicate.cameo.startswith("01") and all(_unknown_name(m) for m in predicate.sources):
            return []  # talk by someone no table knows is too little to keep
        if not settings.keep_unnamed and any(m.rule.startswith(UNNAMED_DOER_RULE) for m in predicate.sources):
            return []  # "three soldiers were killed": by whom the story does not say
        events = []
        for source, target in self._pairs(predicate):
            event = self._event(article, evidence, _street_violence(predicate, source, target), source, target, place)
            if event.target != event.source:  # "held their meeting" is nothing between two actors
                events.append(event)
        return events

    def _pairs(self, predicate: Predicate) -> list[tuple[Mention, Mention | None]]:
        sources = predicate.sources
        targets = [t for t in predicate.targets if t.actor.code not in {s.actor.code for s in sources}]
        if not sources:
            return []
        if targets:
            return [(source, target) for source in sources for target in targets]
        if predicate.reciprocal and len(sources) > 1:
            # CAMEO codes each direction; PLOVER-style users want one undirected event a pair.
            pairing = combinations if self.settings.undirected else permutations
            return list(pairing(sources, 2))
        if predicate.targets:
            return []  # the only target is the source itself: nothing between two actors
        return [(source, None) for source in sources]

    def _event(
        self, article, evidence: Evidence, predicate: Predicate, source: Mention, target: Mention | None, place: str
    ) -> Event:
        code = self.codebook[predicate.cameo]
        trigger = " ".join(token.text for token in predicate.trigger)
        # An unnamed doer is no one of the country it acts in: "a bomb killed four policemen in Kabul".
        source_actor = source.actor if source.rule.startswith(UNNAMED_DOER_RULE) else _placed(source.actor, place)
        if target is not None and _against_own(source_actor, target.actor, code.code):
            source_actor = _placed(source_actor, target.actor.country)
        target_actor = _own_people(source_actor, place) if code.code in OWN_PEOPLE_CODES else None
        if target is not None:
            answered = target.rule.startswith(MAKER_RULE)
            target_actor = _domestic(target.actor, source_actor, place, code.code, inherits=not answered)
        target_code = target_actor.code if target_actor else ""
        key = "|".join(
            (article.id, str(evidence.start), str(predicate.head.idx), source_actor.code, target_code, code.code)
        )
        return Event(
            event_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            article_id=article.id,
            sentence=evidence.sentence,
            date=None,
            date_precision="",
            source=source_actor.code,
            source_name=source.actor.name or source.text,
            target=target_code,
            target_name=(target.actor.name or target.text) if target else "",
            cameo=code.code,
            cameo_name=code.name,
            goldstein=code.goldstein,
            quad_class=code.quad_class,
            plover=code.plover_type,
            plover_mode=code.plover_mode,
            place="",
            country="",
            lat=None,
            lon=None,
            trigger=trigger,
            evidence=evidence.text,
            evidence_start=evidence.start,
            evidence_end=evidence.end,
            quote_speaker=predicate.quote_speaker,
            negated=predicate.negated,
            modality=predicate.modality,
            confidence=self.confidence.get((predicate.basis, actors_kind(source_actor, target_actor)), UNMEASURED),
            coder_version=CODER_VERSION,
        )


@dataclass(frozen=True)
class Evidence:
    """The sentence an event stands on: its number, its text without surrounding blanks, its offsets."""

    sentence: int
    text: str
    start: int
    end: int

    @classmethod
    def of(cls, number: int, sentence: Span) -> Evidence:
        text = sentence.text
        start = sentence.start_char + len(text) - len(text.lstrip())
        stripped = text.strip()
        return cls(number, stripped, start, start + len(stripped))


def _without_bare_statements(predicates: list[Predicate], together: list[Predicate]) -> list[Predicate]:
    """Drop a bare statement when its speaker does something more telling in the same sentence
    or quotation (``together``): "The US criticised Beijing's action and said it stood with its
    ally" is a criticism."""
    acting = {m.actor.code for p in together if not p.cameo.startswith("01") for m in p.sources}
    return [p for p in predicates if p.cameo not in BARE_STATEMENTS or not {m.actor.code for m in p.sources} & acting]


def _attributed(predicate: Predicate, quotation: Quotation) -> Predicate:
    """An event inside a direct quotation is its speaker's to tell; a quoted "we" is the speaker."""
    if not predicate.sources and speaks_of_self(predicate.head):
        predicate = replace(
            predicate, sources=list(quotation.speaker), rule=predicate.rule + '; quoted "we" is the speaker'
        )
    if not predicate.quote_speaker:
        predicate = replace(predicate, quote_speaker=quotation.speaker_name)
    return predicate


def _street_violence(predicate: Predicate, source: Mention, target: Mention | None) -> Predicate:
    """Generic force (190) by protesters on police is a riot, by police on protesters repression;
    a "violent protest" (145) by soldiers or rebels is force (190)."""
    source_roles = set(source.actor.roles)
    if predicate.cameo == RIOT and source_roles & ARMED_ROLES:
        return replace(predicate, cameo=FORCE, rule=predicate.rule + f"; armed actors, not protesters -> {FORCE}")
    if predicate.cameo != FORCE or target is None:
        return predicate
    target_roles = set(target.actor.roles)
    if (source_roles & DISSENT_ROLES and target_roles & POLICE_ROLES) or (
        source_roles & CROWD_ROLES and target_roles & ARMY_ROLES
    ):
        return replace(predicate, cameo=RIOT, rule=predicate.rule + f"; protesters against police -> {RIOT}")
    if (source_roles & POLICE_ROLES and target_roles & DISSENT_ROLES) or (
        source_roles & ARMY_ROLES and target_roles & CROWD_ROLES
    ):
        rule = predicate.rule + f"; police against protesters -> {REPRESSION}"
        return replace(predicate, cameo=REPRESSION, rule=rule)
    return predicate


def _against_own(source: Actor, target: Actor, cameo: str) -> bool:
    """Whether an unplaced source is of its target's country: "workers struck against the
    Argentine government" (ARGLAB), "the army launched an offensive against Boko Haram" (NGAMIL)."""
    if source.country != UNKNOWN_COUNTRY or target.country in ("", UNKNOWN_COUNTRY):
        return False
    if cameo.startswith(PROTEST_ROOT) or cameo in DISSENT_THREATS:
        return True
    return (
        cameo.startswith(("17", *FORCE_CODES))
        and bool(set(source.roles) & STATE_ROLES)
        and bool(_roles(target) & OPPOSITION_ROLES)
    )


def _own_people(source: Actor, place: str) -> Actor | None:
    """The civilians a state's curfew or martial law with no one named falls on: of where the
    sentence places it, else of the source's own country; none for a source of no country."""
    country = place or source.country
    if country in ("", UNKNOWN_COUNTRY) or source.code.startswith("IGO"):
        return None
    return Actor.from_parts(country, ("CVL",))


def _roles(actor: Actor) -> set[str]:
    """An actor's role codes, read off its code too: a named group ("NGAREBBKH") has no parts."""
    return set(actor.roles) | {actor.code[i : i + 3] for i in range(3, len(actor.code), 3)}


def _unknown_name(mention: Mention) -> bool:
    """A name no table codes, taken as a doer of unknown country (see MentionIndex)."""
    return mention.rule.startswith("unknown:")


def _year(article: Article) -> int | None:
    return article.published.year if article.published else None


def _placed(source: Actor, place: str) -> Actor:
    """A state or society actor of unknown country acting in a country is of that country:
    "police fired tear gas at demonstrators in Nairobi". Armed groups are not placed."""
    if source.country != UNKNOWN_COUNTRY or not place or set(source.roles) & NON_STATE_ROLES:
        return source
    return Actor.from_parts(place, source.roles, name=source.name, title=source.title)


def _abroad_as_often(source: Actor, target: Actor) -> bool:
    """Whether force by ``source`` on ``target`` is as often abroad as at home: a state or its army
    on people who are neither state nor armed group. Police act at home, and an army fights its
    own rebels ("Nigerian troops killed twenty rebels") as rebels fight their own state."""
    roles, target_roles = _roles(source), _roles(target)
    if roles & (NON_STATE_ROLES | POLICE_ROLES) or target_roles & (STATE_ROLES | OPPOSITION_ROLES):
        return False
    return not roles or bool(roles & STATE_ROLES)


def _domestic(target: Actor, source: Actor, place: str, cameo: str, *, inherits: bool = True) -> Actor:
    """A target of unknown country takes the source's ("Turkish police detained opposition
    leaders"), else the country the sentence places the event in ("a governor in Afghanistan").

    Not the source's in cooperation and aid, where the parties are as often
    foreign: "Norway mediated between the government and the rebels"; nor when
    ``inherits`` is False: the maker of an act the source answers ("Germany condemned
    the attack by the rebels") is of where the act happened, if the sentence says.
    """
    if target.country != UNKNOWN_COUNTRY:
        return target
    international = cameo.startswith(INTERNATIONAL_CODES) or not inherits
    if (cameo.startswith(FORCE_CODES) and _abroad_as_often(source, target)) or (
        place and cameo.startswith(FORCE_CODES + PROPERTY_CODES)
    ):
        # The victims of force are where it falls ("an Israeli airstrike on Rafah"); with no place
        # named, nothing says a state's army struck its own people: "Russian forces shelled the
        # town, killing civilians" leaves them unknown.
        international = True
    country = source.country if source.country not in ("", UNKNOWN_COUNTRY) and not international else place
    if not country:
        return target
    placed = Actor.from_parts(country, target.roles, name=target.name, title=target.title)
    # An actor does nothing to itself: "the ambassador, who was summoned by the Turkish foreign
    # ministry" is no Turkish official, so the guess is not made.
    return target if placed.code == source.code else placed
