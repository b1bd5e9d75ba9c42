"""Predicates and their arguments, read off the dependency parse.

A predicate is a verb (or an event noun) that the lexicon codes. Its source is
the subject (the "by" agent of a passive, the possessor of a noun); its target
the object, or the object of "with", "to", "against", "on" ...; frames
("agreed to", "urged X to") wrap the event of their complement; a verb of
saying gives way to the event of the clause it reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Span, Token

from ..records import Actor, Mention
from ..tables import DATA_DIR, read_table
from .lexicon import Entry, Lexicon
from .quotes import SPEECH_VERBS
from .syntax import (
    OBLIGATION_AUX,
    SUBJECT_DEPS,
    child_with,
    clause_verb,
    clause_words,
    complement_clause,
    event_noun_slots,
    frame_words,
    gerund_complement,
    has_mutual_object,
    is_awaited,
    is_condition,
    is_future,
    is_hypothetical,
    is_negated,
    is_obliged,
    is_purpose_clause,
    modifier_words,
    object_of,
    on_object,
    prefix_of,
    subject_of,
    unprefixed,
    verb_objects,
)

# Verbs that take their meaning from their object noun ("held talks", "launched an attack").
LIGHT_VERBS = frozenset(
    "hold make launch carry conduct stage pay begin start resume continue have give take "
    "mount undertake complete wrap open".split()
)
# The pattern word that asks for an object naming an actor: "receive @actor" hosts a
# visitor; "received weapons" hosts no one.
ACTOR_WORD = "@actor"
# Prepositions whose object is the target, in the order they are tried. The
# directed ones ("to Lebanon", "against Russia") beat the object's own "of"
# phrase; the rest ("with Albania's help") give way to it.
DIRECTED_PREPS = ("to", "against", "on", "upon", "toward", "towards", "into", "at")
TARGET_PREPS = ("with", *DIRECTED_PREPS, "from", "for", "over", "between", "among", "about")
# The prepositions by which an event noun names its own target ("a complaint against Seoul"), and
# the roots whose nouns name it by "on" too ("sanctions on Iran", "strikes on Yemen"); the "on" of
# talks, deals and warnings is their matter.
NOUN_DIRECTED_PREPS = ("against", "toward", "towards")
FORCE_ON_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
# CAMEO codes an event in both directions when two actors do it together and to
# each other: consultations (not visits), material cooperation, and what these
# verbs say ("South Korea and Russia agreed", "the two armies exchanged fire").
# "Britain and France proposed a resolution" is done together, to no one: one
# event each.
RECIPROCAL_ROOTS = frozenset({"04", "06"})
RECIPROCAL_CODES = frozenset({"036", "037", "057"})  # intents to meet and to settle; agreements reached
ONE_WAY_CODES = frozenset({"042", "043"})  # a visit and its hosting; a meeting elsewhere (044) is mutual
RECIPROCAL_LEMMAS = frozenset(
    "agree meet negotiate talk discuss sign ratify cooperate collaborate reconcile normalize normalise "
    "restore establish resume renew sever exchange clash trade swap fight".split()
)
# Acts a state announces in the passive as its own: "two prisoners were released", "aid will be
# sent", "the ambassador was expelled". Not force: "three soldiers were killed" is done to it.
OWN_ANNOUNCED_ROOTS = frozenset({"03", "04", "05", "06", "07", "08", "16"})
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten dozens hundreds thousands".split())
# Roots whose pattern object belongs to the source ("sent troops", "sent peacekeepers"),
# so it is never the target; elsewhere it is ("expelled the Russian ambassador").
OWN_OBJECT_ROOTS = frozenset({"06", "07", "15"})
# A visit's target is the country visited, named as a place ("a visit to Moscow"), and so is a
# deployment of peacekeepers the country receiving them ("peacekeepers arrived in Haiti").
VISIT_CODES = frozenset({"042", "0861"})
# Shows of force and violence with no actor as target are aimed at the country they happen in,
# and so are cuts in aid and relations ("the agency suspended aid deliveries in Somalia").
PLACE_TARGET_ROOTS = frozenset({"15", "16", "18", "19", "20"})
# A protest held at an actor's seat is aimed at that actor: "rallied outside the US embassy".
SITE_TARGET_ROOTS = frozenset({"14"})
SITE_PREPS = ("outside", "before")
# Nouns for a place a country's possessive puts in that country: "in Kenya's capital".
PLACE_NOUNS = frozenset(
    "capital city town village province region state county district border coast port north south east west "
    "territory soil island".split()
)
# Claims of responsibility are aimed at whom the claimed act fell on.
CLAIM_CODES = frozenset({"015"})
# A consultation held in a country none of its actors is from is CAMEO 044, "meet at a
# 'third' location" ("Serbian and Kosovar leaders met in Brussels").
THIRD_PLACE_CODES = {"040": "044"}
# Coercion with no actor as target is aimed at the people of the place, the source's own
# included: "police imposed a curfew in Lagos" is Nigeria's act on Nigeria; and protest at the
# state it is held in: "students marched in Dhaka" is aimed at Bangladesh.
DOMESTIC_PLACE_ROOTS = frozenset({"14", "17"})
# Statements say things about places without acting on them: "spoke of the drought in Kenya".
OBJECT_PLACE_SKIPPED_ROOTS = frozenset({"01"})
# Handing over: the target is whom a person is handed to.
RECIPIENT_CODES = frozenset({"063"})
# Verbs by which the subject is on the receiving end of its event noun: "Ukraine received military
# aid from Germany", "the government faced criticism from the UN", "won the backing of the EU", or
# of a thing the rows of "send" name ("received weapons from Germany"). The act is done by whoever
# it comes from (GIVER_PREPS, the noun's possessor or "of"), to the subject; with no giver named,
# there is no event.
# What an act prompts, sparks or triggers from someone is received too: "prompting condemnation from France".
RECEIVING_VERBS = frozenset(
    "receive get obtain win secure gain draw face attract earn prompt spark trigger provoke elicit".split()
)
# Verbs by which the subject is "under" an event noun done to it: "came under pressure from Berlin".
UNDER_VERBS = frozenset({"come", "be", "remain", "fall"})
# Verbs by which the subject suffers the event noun it is "in": "four soldiers died in an ambush by
# Taliban fighters" is the Taliban's act on the soldiers.
UNDERGOING_VERBS = frozenset("die perish".split())
# The prepositions that name where a received act comes from.
GIVER_PREPS = ("from", "by")
# Acts whose unnamed doer is taken from where they happen: coercion and investigation
# ("was put under investigation in Greece") are the state's, protest the country's civilians'.
UNNAMED_STATE_ROOTS = frozenset({"09", "17"})
UNNAMED_CIVILIAN_ROOTS = frozenset({"14"})
UNKNOWN_COUNTRY = "---"
# Dependencies that open a clause of its own inside a phrase.
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp"})
# Violence whose doer the story does not name ("three soldiers were killed", "a roadside
# bomb killed four policemen") is still news about its victims: the doer is coded unknown.
UNNAMED_DOER_ROOTS = frozenset({"18", "19", "20"})
# A rule mark the event stage reads: an unnamed doer is not placed in the country it acts in.
UNNAMED_DOER_RULE = "unnamed doer"
# A rule mark the event stage reads: the maker of an act another answers ("condemned the attack
# by the rebels") takes the country of where the act happened, never the answering side's.
MAKER_RULE = "maker of the act answered"
# Mishaps that kill without a doer: "killed in a road accident" is no attack.
MISHAP_NOUNS = frozenset(
    "accident crash collision fire blaze flood flooding earthquake landslide storm stampede avalanche".split()
)
# Force a state reports another using is an accusation of aggression, too.
FORCE_ROOTS = frozenset({"18", "19", "20"})
# What force or a riot leaves behind, told by a participle clause ("shelled the town, killing six";
# "rioted, setting fire to cars"): the harm of the one attack, not a second event.
RESULT_CODES = frozenset({"190", "1712"})
# Texts and plans whose relative clause tells what they would do if adopted ("a bill that
# aims to curb imports"), and the auxiliaries by which it does.
CONTENT_NOUNS = frozenset("resolution bill draft plan proposal motion initiative measure decree blueprint".split())
CONTENT_AUX = frozenset({"would", "will", "could", "may", "might"})
# What people are sent to do that is the sender's act, done through them: "sent an envoy to
# mediate" (045), "sent experts to investigate" (09x); not help, force or anything sent as a thing.
DELEGATED_ROOTS = frozenset({"04", "09"})
# Calling someone to talk is a telephone call (041): "Macron called Biden to discuss Ukraine";
# "called the vote a sham" (no talks after it) stays a statement, 010.
CALLING_LEMMAS = frozenset({"call", "ring"})
PHONE_CALL = "041"
RIOT = "145"
ACCUSATION = "112"
# Verbs by which a speaker claims an act: its own past force is a claim of responsibility (015,
# by `frame_codes.tsv`'s "claim" rows), another's is alleged, an accusation (112), not reported as done.
CLAIM_VERBS = frozenset({"claim", "admit"})
# Roles that report what they saw rather than speak for a state.
REPORTING_ROLES = frozenset({"MED", "CVL", "HLH", "EDU", "LAB", "BUS", "REF", "NGO", "HRI", "JUD"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our"})
# An object that is its own subject: the act is between no two actors.
REFLEXIVE_PRONOUNS = frozenset({"itself", "themselves", "himself", "herself", "ourselves"})
REPORTING_NOUNS = frozenset({"source", "witness", "report", "footage", "resident", "medic", "correspondent"})
# Nouns by which a speaker says an act is wanted ("stressed the need to ..."), and the verbs of
# saying that press it as a demand rather than an appeal.
# What an actor issues, adopts or sends says what its "-ing" clause says: "adopted a resolution
# condemning the coup", "issued a statement urging calm" are the issuer's acts.
DOCUMENT_NOUNS = frozenset("statement resolution letter message declaration communique note".split())
NEED_NOUNS = frozenset({"need", "necessity", "urgency", "importance", "obligation", "duty"})
EMPHATIC_VERBS = frozenset({"stress", "emphasize", "emphasise", "underline", "underscore", "insist", "reiterate"})
# Pronouns by which a reported clause names its own speaker.
SPEAKER_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i"})
# Verbs of saying that enact or voice their object ("announced sanctions", "voiced concern"),
# unlike those that report it ("reported heavy fire").
PERFORMATIVE_VERBS = frozenset({"announce", "declare", "unveil", "proclaim", "order", "voice", "express", "issue"})
# Verbs that tell of or perceive an act named by their object, whose subject did not do it:
# "residents reported heavy shelling", "witnesses heard explosions".
WITNESS_VERBS = frozenset(
    {"report", "hear", "see", "witness", "describe", "recount", "record", "document", "observe", "notice"}
)
# Verbs by which someone made to go is sent away: "ordered the envoy to leave" is "ordered him out".
LEAVING_VERBS = frozenset({"leave", "depart", "quit", "vacate"})
# The verb whose rows say what a thing received is: its giver sent it.
SENDING_VERB = "send"
# Verbs whose object is what is sent, the source's own when no country is named with it: "sent
# doctors", "dispatched rescue teams" (whom they go to is named by "to" or a purpose).
SENDING_LEMMAS = frozenset({"send", "dispatch", "deploy", "airlift"})
# The table of head nouns that name one person ("the minister"), for a pronoun's number.
PERSON_NOUNS_PATH = DATA_DIR / "cameo" / "person_nouns.tsv"
# Personal pronouns a clause's subject may be, and the number of the noun each stands for.
# "It" is left out: it stands for a thing or an event as often as for a state.
ANTECEDENT_NUMBER = {"they": "plural", "he": "person", "she": "person"}
# Force, coercion or sanctions an actor "may", "could" or "would" use "if" another acts is a threat
# of it (13x), made now: "the EU may impose sanctions if the crackdown continues" is 1312.
CONDITIONAL_AUX = frozenset({"may", "might", "could", "would"})
CONDITIONAL_THREAT_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
# Nouns by which "the two" or "both" name the last two parties named: "the two armies clashed".
PAIR_NOUNS = frozenset("side army country nation neighbour neighbor force government state rival".split())
# Verbs whose object goes both ways between the subject and its partner "with": "exchanged fire
# with", "traded accusations with", "swapped prisoners with"; a clash "with" is fought by both.
EXCHANGE_LEMMAS = frozenset({"exchange", "trade", "swap", "clash"})
# Verbs whose complement is an act stopped, avoided or only permitted, never asserted:
# "stop fighting", "allowed the opposition to hold a rally".
STOP_VERBS = frozenset(
    {"stop", "halt", "end", "cease", "quit", "avoid", "refrain", "prevent", "suspend", "allow", "permit", "let"}
)


@dataclass
class Predicate:
    """A coded predicate before it becomes Events."""

    head: Token
    cameo: str
    trigger: list[Token]
    sources: list[Mention]
    targets: list[Mention]
    negated: bool = False
    modality: str = "asserted"
    quote_speaker: str = ""
    specific: bool = False
    basis: str = "verb"  # how it was coded: pattern, verb, noun, frame, reported (see confidence.py)
    consumed: set[int] = field(default_factory=set)
    rule: str = ""  # which table rows and rules gave the code, for ``communique explain``
    speech: Token | None = None  # the verb of saying that reports this event ("said"), if any
    speakers: list[Mention] = field(default_factory=list)  # who reports it
    mutual: bool = False  # done to "each other": each member of a compound subject on the others

    @property
    def reciprocal(self) -> bool:
        """Whether a compound subject with no target acts on itself, each member on the others."""
        if self.mutual:
            return True
        if self.cameo in ONE_WAY_CODES:
            return False
        return (
            self.cameo[:2] in RECIPROCAL_ROOTS
            or self.cameo in RECIPROCAL_CODES
            or self.head.lemma_.lower() in RECIPROCAL_LEMMAS
        )


class MentionIndex:
    """The actor mentions of one story, looked up by the parse token that heads them."""

    def __init__(self, mentions: list[Mention], unknown: list[Mention] | None = None) -> None:
        self.by_head: dict[int, list[Mention]] = {}
        for mention in mentions:
            self.by_head.setdefault(mention.head, []).append(mention)
        self.in_order = sorted((m for m in mentions if not m.place), key=lambda m: m.start)
        # Names no table codes, as actors of unknown country: a doer of last resort.
        self.unknown_by_head: dict[int, list[Mention]] = {}
        for mention in unknown or ():
            actor = Actor.from_parts(UNKNOWN_COUNTRY, name=mention.actor.name or mention.text)
            self.unknown_by_head.setdefault(mention.head, []).append(replace(mention, actor=actor))

    def unknown_at(self, token: Token | None) -> list[Mention]:
        """The unknown names a phrase is headed by (or joins with "and"): "Kenzo Oshima said"."""
        if token is None:
            return []
        return _unique([m for member in (token, *token.conjuncts) for m in self.unknown_by_head.get(member.idx, ())])

    def pair_before(self, phrase: Token) -> list[Mention]:
        """ "Thailand and Cambodia ... The two armies exchanged fire": "the two" or "both" sides,
        armies or countries are the two actors of different countries named last before the phrase,
        in its sentence or the one before."""
        counted = any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet") for c in phrase.children)
        if not counted or phrase.lemma_.lower() not in PAIR_NOUNS:
            return []
        sentence = phrase.sent
        start = phrase.doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char
        pair: list[Mention] = []
        for mention in reversed([m for m in self.in_order if start <= m.start < phrase.idx]):
            country = mention.actor.country
            if country not in ("", UNKNOWN_COUNTRY) and country not in {m.actor.country for m in pair}:
                pair.append(mention)
            if len(pair) == 2:
                return pair[::-1]
        return []

    def at(self, token: Token) -> list[Mention]:
        return [m for m in self.by_head.get(token.idx, ()) if not m.place]

    def _with_partner(self, member: Token, first: Token) -> list[Mention]:
        """ "Xi Jinping and his advisers", "the king and senior aides": a later conjunct that is
        only a role goes with the named actor before it, whose people they are."""
        found = self.at(member)
        if member.i == first.i or not self.at(first):
            return found
        owned = any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in member.children)
        country = self.at(first)[0].actor.country
        return [
            replace(m, actor=Actor.from_parts(country, m.actor.roles, name=m.actor.name, title=m.actor.title))
            if (owned or m.actor.country == UNKNOWN_COUNTRY) and not m.actor.name and country != UNKNOWN_COUNTRY
            else m
            for m in found
        ]

    def places_under(self, token: Token) -> list[Mention]:
        """Places named under a word: "in Moscow", "to Kyiv", or its object ("shelled Kharkiv",
        "shelled the city of Kharkiv")."""
        found = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "to", "at", "near", "off", "outside"):
                for item in child.children:
                    found += self.places_within(item)
            elif child.dep_ in ("dobj", "obj", "npadvmod", "advmod"):  # "shelled Omdurman", misparsed an adverb
                # "shelled Kharkiv", "shelled the city of Kharkiv", "struck a depot in Novorossiysk"
                found += self.places_within(child)
        return found

    def places_within(self, token: Token, depth: int = 2) -> list[Mention]:
        """The places a phrase names, or names a phrase or two deeper ("in", "of", "near", "on",
        "at"): "a jail in northern Israel", "the city of Aleppo", "a market in the centre of Kabul"."""
        found = self._places(token) or self._country_owning(token)
        # "the Kharkiv power station", "a Gaza hospital": a place naming the thing is where it is.
        found = found or [m for c in token.children if c.dep_ == "compound" for m in self._places(c)]
        if found or depth == 0:
            return found
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "near", "on", "at")):
            for item in (c for c in prep.children if c.dep_ == "pobj"):
                found += self.places_within(item, depth - 1)
        return found

    def places_in_clause(self, verb: Token) -> list[Mention]:
        """Places named anywhere in a verb's objects and prepositional phrases, however deep
        ("during its offensive on towns in eastern Chad"), but not in its subject or in a
        clause of its own."""
        found = []
        for child in (c for c in verb.children if c.dep_ in ("prep", "dobj", "obj", "npadvmod")):
            for token in child.subtree:
                if any(t.dep_ in CLAUSE_DEPS for t in _path_up(token, child)):
                    continue
                found += self._places(token) or self._country_owning(token)
        return found

    def _country_owning(self, token: Token) -> list[Mention]:
        """ "in Kenya's capital", "Syria's second city", "the port city of Mombasa": a country
        owning a place, or a capital naming it, is where it is."""
        if token.lemma_.lower() not in PLACE_NOUNS:
            return []
        owners = [m for c in token.children if c.dep_ == "poss" for m in self.at(c)]
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            owners += [m for item in prep.children if item.dep_ == "pobj" for m in self.at(item)]
        # A country's name stands for the country; a capital's for its government (GOV), here a place.
        named = [m for m in owners if m.actor.code in (m.actor.country, m.actor.country + "GOV")]
        return [replace(m, place=True, actor=Actor.from_parts(m.actor.country)) for m in named]

    def _places(self, token: Token) -> list[Mention]:
        return [m for m in self.by_head.get(token.idx, ()) if m.place]

    def of_phrase(self, token: Token | None, *, head: bool = True, inside: bool = True) -> list[Mention]:
        """Mentions a noun phrase names: its head and conjuncts, else its possessor or "of" object.

        head: False looks only at the possessor and "of" object.
        inside: False looks only at the head and its conjuncts.
        """
        if token is None:
            return []
        members = [token, *token.conjuncts]
        for child in token.children:
            if child.dep_ == "appos" and child.conjuncts:
                members += [child, *child.conjuncts]  # "the US, Russia, and Switzerland"
            # "Barack Obama and Vladimir Putin" parsed with the conjunct on "Obama", inside the name.
            if child.ent_iob_ == "I" and child.ent_type_ == token.ent_type_:
                members += child.conjuncts
        found = [m for member in members for m in self._with_partner(member, members[0])] if head else []
        if found or not inside:
            return _unique(found)
        for child in token.children:
            # "Kim Yo Jong, the sister of North Korea's leader, ...": a name no table knows is
            # who its apposition says.
            if child.dep_ == "appos" and self.of_phrase(child):
                return self.of_phrase(child)
        for child in token.children:
            # A mis-parse can hang the actor on a date: "met with President Lula Friday"; a gloss
            # in brackets makes a name an nmod: "the Hezbollah (Party of God) movement".
            if child.dep_ in ("compound", "nmod") and self.at(child):
                return _unique(self.at(child))
        for child in token.children:
            # "the Saudi-led coalition" acts for its leader; "Iran-backed militias" are not Iran.
            if child.dep_ == "amod" and child.lemma_.lower() == "lead":
                leaders = [m for item in child.children if item.dep_ in ("npadvmod", "compound") for m in self.at(item)]
                if leaders:
                    return _unique(leaders)
        for child in token.children:
            # "Seoul's participation" is Seoul's act; "his supporters" are not him.
            if child.dep_ == "poss" and child.pos_ != "PRON" and self.of_phrase(child):
                return self.of_phrase(child)
        for preposition in ("of", "with"):  # "parts of Ukraine", "its border with Guyana"
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == preposition:
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return self.of_phrase(objects[0])
        return []


class PredicateFinder:
    """Finds the coded predicates of a sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def find(self, sentence: Span, mentions: MentionIndex) -> list[Predicate]:
        """The coded predicates of one sentence: its verbs first, then event nouns left free."""
        memo: dict[int, Predicate | None] = {}
        predicates = []
        coded_heads: set[int] = set()
        consumed: set[int] = set()  # words some other predicate took in (a frame's complement, a pattern noun)
        for token in sentence:
            if token.pos_ in ("VERB", "AUX") and token.i not in consumed and token.i not in coded_heads:
                predicate = self.code_clause(token, mentions, memo)
                if predicate is not None:
                    predicates.append(predicate)
                    coded_heads.add(predicate.head.i)  # a reported clause's head is coded once
                    consumed |= predicate.consumed - {predicate.head.i}
        coded = {p.head.i for p in predicates}
        wrapped = self._unasserted(sentence)
        predicates = _delegated_purposes(predicates, coded)
        predicates = [
            p
            for p in predicates
            if not is_purpose_clause(p.head, coded)
            and p.head.i not in wrapped
            and not _describes_speaker(p.head)
            and not _describes_subject(p.head)
        ]
        predicates = _without_results(predicates)
        heads = {p.head.i for p in predicates}
        predicates += self._noun_predicates(sentence, mentions, heads, heads | consumed)
        predicates = [p for p in predicates if p.head.i not in consumed]
        accusations = [a for p in predicates if (a := self._accusation(p)) is not None]
        return _without_alleged(predicates, accusations) + accusations

    def _accusation(self, reported: Predicate) -> Predicate | None:
        """A state that says another used force accuses it of aggression (CAMEO 112), besides
        the force reported: "Kyiv said Russian troops shelled the town" is also Kyiv's
        accusation. Witnesses, medics and the press only report."""
        if reported.speech is None or reported.cameo[:2] not in FORCE_ROOTS or not reported.sources:
            return None
        if reported.negated or reported.modality != "asserted":
            return None
        said_by = subject_of(reported.speech)
        if said_by is not None and said_by.lemma_.lower() in REPORTING_NOUNS:
            return None  # "military sources said": sources tell, they do not accuse
        if any(m.actor.country == UNKNOWN_COUNTRY for m in reported.sources):
            return None  # "said its jets struck": whose jets is not sure enough to accuse
        doers = {m.actor.code for m in reported.sources}
        speakers = [m for m in reported.speakers if m.actor.code not in doers and _speaks_for_a_state(m.actor)]
        if not speakers or {m.actor.country for m in speakers} & {m.actor.country for m in reported.sources}:
            return None
        code = self.lexicon.frame_code("accuse", reported.cameo) or ACCUSATION
        return Predicate(
            head=reported.speech,
            cameo=code,
            trigger=[reported.speech],
            sources=speakers,
            targets=reported.sources,
            basis="reported",
            consumed={reported.speech.i},
            rule=f"a state reporting another's use of force accuses it -> {code}; {reported.rule}",
        )

    def _noun_predicates(
        self, sentence: Span, mentions: MentionIndex, heads: set[int], taken: set[int]
    ) -> list[Predicate]:
        found = []
        for token in sentence:
            # A noun inside a coded verb's clause is that event's matter ("asked for Russia's
            # support"), unless it is the clause's subject ("an Israeli airstrike killed ...").
            if (
                token.pos_ == "NOUN"
                and token.lemma_.lower() in self.lexicon.nouns
                and token.i not in taken
                and (clause_verb(token) not in heads or token.dep_ in ("nsubj", "nsubjpass"))
            ):
                predicate = self.code_noun(token, mentions)
                if predicate is not None:
                    found.append(predicate)
        return found

    def _unasserted(self, sentence: Span) -> set[int]:
        """Verbs inside the complement of a frame or of "stop": wanted, urged or ended, not done."""
        found: set[int] = set()
        for token in sentence:
            lemma = token.lemma_.lower()
            if lemma in self.lexicon.frames or lemma in STOP_VERBS:
                for child in token.children:
                    if child.dep_ in ("xcomp", "ccomp") and (
                        child.dep_ == "xcomp"
                        or lemma in STOP_VERBS
                        or self.lexicon.frames[lemma] in ("appeal", "demand")
                    ):
                        found |= {t.i for t in child.subtree if t.pos_ in ("VERB", "AUX")}
            if token.dep_ == "relcl" and token.head.lemma_.lower() in CONTENT_NOUNS and self._only_aimed(token):
                # "a bill that aims to curb imports", "a plan that would impose tariffs":
                # what a text would do if adopted, not anyone's act.
                found |= {t.i for t in token.subtree if t.pos_ in ("VERB", "AUX")}
            if token.pos_ == "NOUN" and self.lexicon.frames.get(lemma, "attempt") != "attempt":
                # "its demand that Egypt reopen the crossing", "rejected a proposal to hold talks": asked
                # for, offered or planned, not done ("took steps to ease" is the act, an attempt).
                for child in token.children:
                    if child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "AUX") and _to_or_that(child):
                        found |= {t.i for t in child.subtree if t.pos_ in ("VERB", "AUX")}
        return found

    def _only_aimed(self, verb: Token) -> bool:
        """Whether a clause says what is aimed at or would happen ("aims to", "would impose"), not what is done."""
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        return self.lexicon.frames.get(verb.lemma_.lower()) == "intend" or bool(auxiliaries & CONTENT_AUX)

    # -- verbs ---------------------------------------------------------------

    def code_clause(self, verb: Token, mentions: MentionIndex, memo) -> Predicate | None:
        if verb.i in memo:
            return memo[verb.i]
        memo[verb.i] = None  # guards against cycles in odd parses
        predicate = self._code_clause(verb, mentions, memo)
        memo[verb.i] = predicate
        return predicate

    def _code_clause(self, verb: Token, mentions: MentionIndex, memo) -> Predicate | None:
        if _used_weapon(verb):
            return None  # "downed by a rocket that a militia launched": the launch is the downing
        lemma = verb.lemma_.lower()
        frame = self.lexicon.frames.get(lemma)
        complement = unprefixed(child_with(verb, "xcomp")) or complement_clause(verb, frame) or gerund_complement(verb)
        adjective = child_with(verb, "acomp")
        if frame is None and adjective is not None and adjective.lemma_.lower() in self.lexicon.frames:
            # "was ready to continue its mediation", "is committed to opening its markets": the adjective is the frame.
            frame = self.lexicon.frames[adjective.lemma_.lower()]
            complement = child_with(adjective, "xcomp") or gerund_complement(adjective)
        if frame is None:
            frame, complement = self._noun_frame(verb)
        if frame and complement is not None and self._no_event(complement, mentions):
            return None  # "vowed to fight corruption": a pledge about no event is none either
        if frame and complement is not None:
            wrapped = self.code_clause(complement, mentions, memo)
            if wrapped is not None:
                return self._frame(verb, frame, wrapped, mentions)
        entry, trigger = self._verb_entry(verb, mentions)
        if entry is not None and entry.no_event:
            return None  # the table says these words are no event ("fled the war")
        if entry is None:
            entry, trigger = self._sent_thing(verb)
        if entry is None:
            entry, trigger = self._undergone(verb)
        warned = child_with(verb, "ccomp")
        conditional = warned is not None and _conditional_own_future(warned)
        if entry is not None and entry.cameo.startswith("01") and conditional and warned is not None:
            if self.code_clause(warned, mentions, memo) is None:
                # "said it would take resolute measures if the envoy visited Taiwan": an uncoded act
                # of one's own, promised on another's condition, is a threat, aimed at that other.
                return self._conditional_threat(verb, warned, mentions)
        if entry is not None and frame == "threaten" and warned is not None and _own_future(warned):
            # "warned that it would respond": a warning of one's own future act is a threat.
            threat = self.lexicon.frame_code("threaten", "") or entry.cameo
            entry = replace(entry, cameo=threat, example="", table=f"{entry.table}: warning of its own act")
        if entry is not None and (entry.cameo.startswith("01") or verb.lemma_.lower() in CLAIM_VERBS):
            reported = child_with(verb, "ccomp")
            if reported is not None:
                inner = self.code_clause(reported, mentions, memo)
                if is_obliged(reported):
                    # "Russia said Sudan must return the helicopter" is a demand on Sudan.
                    return self._obligation(verb, reported, inner, mentions)
                if inner is not None:
                    # The reported event wins even when its actors are unknown: a statement
                    # is what is left when a sentence reports nothing codable.
                    return self._reported(verb, inner, mentions)
            needed = self._needed(verb, mentions, memo)
            if needed is not None:
                return needed
        if entry is None:
            return self._sent_away(verb, mentions) or self._uncoded_request(verb, frame, complement, mentions)
        own = {token.i for token in trigger if _own_object(token, entry.cameo, mentions)}
        # "sent police officers": the phrase the pattern word modifies is the source's own, too.
        own |= {t.head.i for t in trigger if t.i in own and t.dep_ in ("compound", "amod") and t.head.i != verb.i}
        own |= _sent_own(verb, entry.cameo, mentions)
        sources, targets = self.arguments(verb, mentions, skip=own)
        if entry.cameo in RECIPIENT_CODES:
            # "extradited a suspect to Colombia": the country receiving, not the person handed over.
            targets = self._preposition_objects(verb, object_of(verb), mentions, ("to",)) or targets
        targets = self._noun_directed(verb, trigger, entry.cameo, mentions) or targets
        received = _receives(verb, trigger, entry)
        if received:
            sources, targets = self._givers(verb, trigger[-1], mentions), sources
            if not sources:
                return None  # "Ukraine received aid", "the bombing drew protests": from whom is not said
        elif _undergoes(verb, trigger):
            sources, targets = self._makers(trigger[-1], mentions), sources
        elif _witnesses(verb, trigger):
            sources = self._makers(trigger[-1], mentions)  # "reported Israeli shelling": Israel's
            targets = [m for m in targets if m not in sources and not m.rule.startswith(MAKER_RULE)]
        if not targets:
            targets = self._other_targets(verb, entry, trigger, frame, complement, sources, mentions)
        if not sources:
            sources = self._unnamed_sources(verb, entry.cameo, mentions, trigger)
            if sources and not targets and entry.cameo[:2] in DOMESTIC_PLACE_ROOTS:
                targets = mentions.places_under(verb)[:1]  # "thousands marched in Santiago": aimed at Chile
        if not sources:
            sources, targets = self._doers_of_thing(verb, entry.cameo, targets, mentions)
        if entry.cameo[:2] in FORCE_ROOTS:
            targets = self._where_struck(verb, targets, mentions)
        # What is received picks the sub-code, not who gets it: "demonstrators received assurances".
        refined = self.lexicon.refine(entry.cameo, clause_words(trigger[-1] if received else verb))
        refined = _third_place(refined, mentions.places_under(verb), sources + targets)
        predicate = Predicate(
            head=verb,
            cameo=refined,
            trigger=trigger,
            sources=sources,
            targets=targets,
            negated=is_negated(verb),
            specific=bool(entry.pattern),
            basis="noun" if received else "pattern" if entry.pattern else "verb",
            consumed={t.i for t in trigger},
            rule=entry.describe()
            + (f"; {verb.lemma_.lower()} ... from: the giver acts on the receiver" if received else "")
            + (f"; refined to {refined} by the clause's words" if refined != entry.cameo else ""),
        )
        if any(m.rule.startswith(UNNAMED_DOER_RULE) for m in sources):
            predicate.rule += "; the doer is unnamed (---): an event only with --keep-unnamed"
        if received:
            # "faces pressure to free the activists": what the pressure is for is not done by its giver.
            predicate.consumed |= {c.i for c in trigger[-1].children if c.dep_ == "acl" and _infinitive(c)}
        if self._exchanged_with(verb, targets, mentions):
            # "Indian troops exchanged fire with Pakistani soldiers": each side on the other.
            predicate.sources, predicate.targets, predicate.mutual = _unique(sources + targets), [], True
            predicate.rule += '; exchanged "with": each side on the other'
        if len(sources) > 1 and has_mutual_object(verb):
            # "Armenia and Azerbaijan accused each other": each accused the other, whatever else is named.
            predicate.mutual, predicate.targets = True, []
            predicate.rule += '; done to "each other": each of the subjects on the others'
        if frame == "intend" and complement is not None:
            predicate.modality = "intended"  # "agreed to deepen ties", though "deepen" has no code
        return self._modality(verb, predicate, mentions)

    def _where_struck(self, verb: Token, targets: list[Mention], mentions: MentionIndex) -> list[Mention]:
        """Victims of unknown country in a participle clause of a strike on a country or its capital
        are of that country: "Israeli jets struck Gaza, killing civilians" (PSECVL)."""
        if verb.dep_ != "advcl" or verb.head.pos_ not in ("VERB", "AUX"):
            return targets
        # A country or its capital's government, not a group in it ("struck Hamas positions").
        struck = [m.actor.country for m in self.objects(verb.head, mentions) if m.actor.code[3:] in ("", "GOV")]
        country = next((c for c in struck if c not in ("", UNKNOWN_COUNTRY)), "")
        return _placed_unknown(targets, country)

    def _exchanged_with(self, verb: Token, targets: list[Mention], mentions: MentionIndex) -> bool:
        """Whether the target is the partner of an exchange, named by "with": what is exchanged
        ("fire", "prisoners", "accusations") goes both ways."""
        if verb.lemma_.lower() not in EXCHANGE_LEMMAS or not targets:
            return False
        partners = self._preposition_objects(verb, object_of(verb), mentions, ("with",))
        return {m.actor.code for m in partners} == {m.actor.code for m in targets}

    def _other_targets(
        self,
        verb: Token,
        entry: Entry,
        trigger: list[Token],
        frame: str | None,
        complement: Token | None,
        sources: list[Mention],
        mentions: MentionIndex,
    ) -> list[Mention]:
        """Targets a verb names elsewhere than in its object, tried in order."""
        noun = trigger[-1]
        found = self._raised_objects(verb, mentions)
        if found:
            return found
        for adjective in (t for t in trigger if t.dep_ in ("acomp", "oprd")):
            found = self.objects(adjective, mentions)  # "was optimistic about relations with Argentina"
            if found:
                return found
        if noun.pos_ == "NOUN" and noun.i != verb.i:
            # "went on strike against the government": the event noun holds the target,
            # or its clause does ("expressed willingness to cooperate with Peru").
            found = self.objects(noun, mentions)
            for clause in (c for c in noun.children if c.dep_ in ("acl", "relcl") and not found):
                found = self.objects(clause, mentions)
            if found:
                return found
        if entry.cameo[:2] in ("02", "10"):
            # "called for Israel to allow more aid": whoever the clause asks to act is the target.
            for clause in (c for c in verb.children if c.dep_ in ("ccomp", "advcl")):
                if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
                    found = mentions.of_phrase(subject_of(clause))
                    if found:
                        return found
        if complement is not None and frame in ("appeal", "demand"):
            # "demanded that the DPRK forsake ...": whoever must act is the target.
            found = mentions.of_phrase(subject_of(complement))
            if found:
                return found
        if complement is not None and frame:
            found = self.objects(complement, mentions)  # "pledged to stand with the UAE"
            if found:
                return found
        found = [m for m in self._head_targets(verb, mentions) if m not in sources]  # "Macron is scheduled to attend"
        if found:
            return found
        for purpose in (c for c in verb.children if c.dep_ == "advcl" and is_purpose_clause(c, {verb.i})):
            # "blocked highways to demand the resignation of the government": whom the act is for.
            found = self.objects(purpose, mentions)
            for helped in (c for c in purpose.children if c.dep_ == "xcomp" and not found):
                found = self.objects(helped, mentions)  # "sent doctors to help treat the wounded"
            if found:
                return found
        if entry.cameo[:2] in SITE_TARGET_ROOTS:
            found = self._preposition_objects(verb, None, mentions, SITE_PREPS)  # "outside the US embassy"
            if found:
                return found
        if entry.cameo in CLAIM_CODES:
            found = self._claimed_targets(verb, noun, mentions)
            if found:
                return found
        if entry.cameo in VISIT_CODES or entry.cameo[:2] in PLACE_TARGET_ROOTS:
            # "arrived in Moscow for a visit", "held exercises in Alaska": the place's country.
            found = mentions.places_under(verb) or mentions.places_under(noun)
            if not found and entry.cameo[:2] in FORCE_ROOTS:
                # "launched raids during a campaign in eastern Chad": force falls where the clause says it is.
                found = mentions.places_in_clause(verb)
            if entry.cameo[:2] in FORCE_ROOTS:
                # Force falls on the place even at home: "rebels attacked towns in Chad" is on Chad,
                # "Syrian troops shelled Homs" on Syria; only a visit home is no visit.
                return found
            source_countries = {m.actor.country for m in sources}
            return [m for m in found if m.actor.country not in source_countries]
        if entry.cameo[:2] in DOMESTIC_PLACE_ROOTS and sources:
            return (mentions.places_under(verb) or mentions.places_under(noun))[:1]
        return self._object_place(verb, entry.cameo, sources, mentions)

    def _object_place(self, verb: Token, cameo: str, sources: list[Mention], mentions: MentionIndex) -> list[Mention]:
        """With no actor named, a country the object lies in: what is done to things in a country
        ("inspected the mines in Peru", "praised the reforms in Uzbekistan") or a gathering held
        in one ("attended a summit in Oslo") is aimed at it, as CAMEO coders read it. Not where
        the act itself happens ("spoke in Oslo"), nor a place of the source's own country, nor
        for a compound subject, whose members act on each other ("A and B signed a deal in Oslo")."""
        obj = object_of(verb)
        if obj is None or cameo[:2] in OBJECT_PLACE_SKIPPED_ROOTS or len(sources) > 1:
            return []
        source_countries = {m.actor.country for m in sources}
        return [m for m in mentions.places_within(obj) if m.actor.country not in source_countries][:1]

    def _raised_objects(self, verb: Token, mentions: MentionIndex) -> list[Mention]:
        """ "resumed talks with, and sent a trade mission to, Hanoi": a preposition left without
        its object shares the one the verb joined to it ends on."""
        holders = [t for t in (verb, object_of(verb)) if t is not None]  # "ties with", "talked with"
        preps = [c for holder in holders for c in holder.children if c.dep_ == "prep"]
        if not any(c.lower_ in TARGET_PREPS and not list(c.children) for c in preps):
            return []
        for joined in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            found = self.objects(joined, mentions) or mentions.places_under(joined)
            if found:
                return found
        return []

    def _claimed_targets(self, verb: Token, noun: Token, mentions: MentionIndex) -> list[Mention]:
        """Whom a claimed act fell on: "claimed responsibility for the bombing of a bus in Kabul",
        "claimed the attack on the army base": the act's own target, else where it happened."""
        for holder in dict.fromkeys((verb, noun)):
            for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "for"):
                act = child_with(prep, "pobj")
                if act is None:
                    continue
                found = self._preposition_objects(act, None, mentions, DIRECTED_PREPS)
                found = found or mentions.of_phrase(act, head=False) or mentions.places_within(act)
                for clause in (c for c in act.children if c.dep_ == "acl" and not found):
                    # "a bombing targeting shoppers at a market in Nigeria's capital"
                    found = self.objects(clause, mentions) or mentions.places_under(clause)
                return found
        return []

    def _head_targets(self, verb: Token, mentions: MentionIndex) -> list[Mention]:
        """The target of the verb a clause hangs on: "met with Assad to discuss ...", and for a
        participle clause of an act ("fired on protesters, killing four and wounding dozens",
        "opened fire to disperse demonstrators, arresting twelve") the people it fell on."""
        clause = verb
        while (joined := _joined_to(clause)) is not None and joined.dep_ == "advcl":
            clause = joined  # "wounding dozens" joined to "killing four"
        if clause.dep_ not in ("advcl", "xcomp") or clause.head.pos_ not in ("VERB", "AUX"):
            return []
        head = clause.head
        found = self.objects(head, mentions)
        purposes = (c for c in head.children if c.dep_ in ("advcl", "xcomp") and c.i != clause.i and _infinitive(c))
        for purpose in purposes:
            found = found or self.objects(purpose, mentions)
        return found

    def _noun_directed(self, verb: Token, trigger: list[Token], cameo: str, mentions: MentionIndex) -> list[Mention]:
        """Whom the event noun that codes a clause is aimed at by its own "against" (or, for force
        and sanctions, "on"): "filed a complaint against South Korea at the WTO", "launched strikes
        on Yemen from a carrier". The noun's phrase wins over the verb's, which says where or how
        ("at the WTO"); not its "to", which may name where a visit went, nor the "on" of talks or
        deals, which names their matter ("held talks on Ukraine with Russia")."""
        noun = trigger[-1] if trigger else verb
        if noun.i == verb.i or noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "obj"):
            return []
        if mentions.of_phrase(noun, inside=False):
            return []
        prepositions = NOUN_DIRECTED_PREPS + (("on", "upon") if cameo[:2] in FORCE_ON_ROOTS else ())
        return self._preposition_objects(noun, None, mentions, prepositions)

    def _givers(self, verb: Token, noun: Token, mentions: MentionIndex) -> list[Mention]:
        """Who does the act a subject receives: "aid from Germany", "criticism by the UN", the
        noun's possessor or "of" ("won the backing of the EU", "secured Germany's support")."""
        found = self._preposition_objects(verb, noun, mentions, GIVER_PREPS)
        # "faces mounting American pressure", "secured Chinese support": the adjective names the giver.
        adjectives = [m for c in noun.children if c.dep_ == "amod" for m in mentions.at(c)]
        return found or mentions.of_phrase(noun, head=False) or mentions.at(noun) or _unique(adjectives)

    def _unnamed_sources(
        self, verb: Token, cameo: str, mentions: MentionIndex, trigger: list[Token] | None = None
    ) -> list[Mention]:
        """Who acts when the sentence names no one, from the place it happens in.

        "Two journalists were arrested in Iran": arrests with no agent are the state's
        where they happen (IRN). "Hundreds of people protested in Baghdad": unnamed
        protesters are the country's civilians (IRQCVL).
        """
        places = mentions.places_under(verb)
        for word in (t for t in trigger or () if t.i != verb.i and not places):
            places = mentions.places_under(word)  # "put under investigation in Greece"
        if not places:
            return []
        if cameo[:2] in UNNAMED_STATE_ROOTS and child_with(verb, "nsubjpass") is not None:
            return places[:1]
        if cameo[:2] in UNNAMED_CIVILIAN_ROOTS and subject_of(verb) is not None:
            place = places[0]
            return [replace(place, actor=Actor.from_parts(place.actor.country, ("CVL",)), place=False)]
        return []

    def _conditional_threat(self, verb: Token, clause: Token, mentions: MentionIndex) -> Predicate | None:
        sources = self.subjects(verb, mentions)
        condition = next(c for c in clause.children if is_condition(c))
        if not sources:
            return None
        code = self.lexicon.frame_code("threaten", "") or "130"
        return Predicate(
            head=verb,
            cameo=code,
            trigger=[verb, clause],
            sources=sources,
            targets=_condition_targets(condition, sources, mentions),
            negated=is_negated(verb),
            basis="frame",
            consumed={verb.i, clause.i, condition.i},
            rule=f'an act of one\'s own promised "if" another acts is a threat -> {code}',
        )

    def _doers_of_thing(
        self, verb: Token, cameo: str, targets: list[Mention], mentions: MentionIndex
    ) -> tuple[list[Mention], list[Mention]]:
        """Who acts when the subject is no actor: the makers of an event or weapon noun, or
        an unnamed doer for violence done to a named victim.

        "The attack by Taliban fighters killed six soldiers" is the Taliban's; "fighting
        between the army and rebels" is the two sides' on each other; "a roadside bomb
        killed four policemen" and "three soldiers were killed" are by someone unknown.
        Returns (sources, targets).
        """
        subject = subject_of(verb)
        if subject is not None and subject.pos_ == "PRON":
            return [], targets  # "they attacked": whom "they" are is a matter for coreference
        if subject is None and not _passive(verb):
            between = self._preposition_objects(verb, None, mentions, ("between", "among"))
            if len(between) > 1:  # "fighting between the army and rebels": each side on the other
                return between, []
        if subject is not None and subject.pos_ in ("NOUN", "PROPN") and subject.lemma_.lower() in self.lexicon.nouns:
            makers = self._makers(subject, mentions)
            if makers:
                return makers, targets if set(targets) - set(makers) or not targets else []
        elif subject is not None or self._mishap(verb) or self._thing_agent(verb):
            return [], targets  # a subject that names neither an actor nor an act: no doer to find
        if cameo[:2] not in UNNAMED_DOER_ROOTS or not targets:
            return [], targets
        means = self._means_makers(verb, mentions)
        if means:  # "was killed by Russian shelling", "killed and ten wounded by Israeli gunfire"
            return means, targets
        doer = subject if subject is not None else verb
        unnamed = Mention(
            start=doer.idx,
            end=doer.idx + len(doer.text),
            head=doer.idx,
            text=doer.text if subject is not None else "",
            actor=Actor.from_parts(UNKNOWN_COUNTRY, name="unnamed"),
            sentence=0,
            rule=f"{UNNAMED_DOER_RULE}: violence against a named victim by someone the sentence does not name",
        )
        return [unnamed], targets

    def _means_makers(self, verb: Token, mentions: MentionIndex) -> list[Mention]:
        """The makers of an act or weapon named by a "by", "in" or "during" in a verb's clause."""
        for token in verb.subtree:
            means = token.dep_ in ("pobj", "pcomp") and token.head.lower_ in ("by", "in", "during")
            if means and (token.lemma_.lower() in self.lexicon.nouns or token.lower_ in self.lexicon.nouns):
                makers = self._makers(token, mentions)
                if makers:
                    return makers
        return []

    def _makers(self, noun: Token, mentions: MentionIndex) -> list[Mention]:
        """The actors an event noun names as its makers: "the attack by X", "X's offensive",
        "fighting between X and Y", "an Israeli airstrike"."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "between", "among"):
                found = mentions.of_phrase(child_with(child, "pobj"))
                if found:
                    return found
            if child.dep_ == "poss" and child.pos_ != "PRON" and mentions.of_phrase(child):
                return mentions.of_phrase(child)
        # "an Israeli airstrike" is one mention; "Russian shelling" may leave the adjective its own.
        adjectives = [m for c in noun.children if c.dep_ in ("amod", "compound") for m in mentions.at(c)]
        return mentions.at(noun) or _unique(adjectives)

    def _thing_agent(self, verb: Token) -> bool:
        """ "hit by several rounds of sanctions": a passive's "by" names a thing that is no act."""
        agent = child_with(verb, "agent")
        by = child_with(agent, "pobj") if agent is not None else None
        return by is not None and by.lemma_.lower() not in self.lexicon.nouns

    def _mishap(self, verb: Token) -> bool:
        """ "were killed in a road accident": a passive whose "in" names a mishap, not an attack."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "by")):
            noun = child_with(prep, "pobj")
            if noun is not None and noun.lemma_.lower() in MISHAP_NOUNS:
                return True
        return False

    def _modality(self, verb: Token, predicate: Predicate, mentions: MentionIndex) -> Predicate:
        """Futures are intents (03x), refused futures rejections (12x); negation and "could" are kept apart."""
        if is_future(verb) and predicate.negated:
            # "would not provide support": refusing to act is a rejection, asserted.
            refusal = self.lexicon.frame_code("reject", predicate.cameo)
            if refusal:  # what is refused tells the sub-code: "will not accept refugees" is 1223
                refusal = self.lexicon.refine(refusal, clause_words(verb))
                predicate.rule += f"; refused in the future tense -> {refusal}"
                predicate.cameo, predicate.negated = refusal, False
                return predicate
        if is_future(verb) and not predicate.cameo.startswith("03"):
            intent = self.lexicon.frame_code("intend", predicate.cameo)
            if intent:
                predicate.cameo = self.lexicon.refine(intent, clause_words(verb))
                predicate.modality = "intended"
                predicate.rule += f"; future tense -> intent {predicate.cameo}"
        if predicate.negated:
            predicate.modality = "negated"
        elif self._conditional_force(verb, predicate, mentions):
            return predicate
        elif is_hypothetical(verb):
            predicate.modality = "hypothetical"
        return predicate

    def _conditional_force(self, verb: Token, predicate: Predicate, mentions: MentionIndex) -> bool:
        """ "Hezbollah may strike Israel if the bombing continues", "Pakistan could retaliate if India
        strikes again": force an actor says it may use on a condition is a threat (13x), made now,
        aimed at its target or else at whoever the condition names. Turns ``predicate`` into it."""
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        # "said it could strike if ...": the parser often hangs the condition on the verb of saying.
        holders = (verb, verb.head) if verb.dep_ == "ccomp" else (verb,)
        condition = next((c for holder in holders for c in holder.children if is_condition(c)), None)
        subject = subject_of(verb)
        # "said it could strike": "it" is the speaker, made the source when the report is read.
        speaker = verb.dep_ == "ccomp" and subject is not None and subject.lower_ in SPEAKER_PRONOUNS
        if condition is None or not auxiliaries & CONDITIONAL_AUX or is_condition(verb):
            return False
        if verb.dep_ == "ccomp" and not speaker:
            return False  # "analysts said Iran could strike if ...": another's guess, no threat
        if not predicate.sources and not speaker:
            return False
        if "have" in auxiliaries:
            return False  # "would have invaded if ...": what did not happen, no threat
        threat = self.lexicon.frame_code("threaten", predicate.cameo)
        if predicate.cameo[:2] not in CONDITIONAL_THREAT_ROOTS or not threat:
            return False
        if not predicate.targets:
            predicate.targets = _condition_targets(condition, predicate.sources, mentions)
        predicate.rule += f'; its own force on an "if" -> threat {threat}'
        predicate.cameo, predicate.modality = threat, "asserted"
        return True

    def _verb_entry(self, verb: Token, mentions: MentionIndex) -> tuple[Entry | None, list[Token]]:
        """The lexicon entry for a verb: its own, or its object noun's after a light verb."""
        words, word_tokens = frame_words(verb)
        obj = object_of(verb)
        if mentions.of_phrase(obj, inside=False) and obj is not None and obj.lemma_.lower() not in self.lexicon.nouns:
            # A pattern may ask for an object that names an actor; "an IMF loan" names an act.
            words.add(ACTOR_WORD)
        lemma = verb.lemma_.lower()
        entry = self.lexicon.match_verb(lemma, words)
        # A verb the lexicon lacks, a light verb ("held talks") or one that enacts its object
        # ("announced sanctions") takes its meaning from its event noun.
        if (entry is None or not entry.pattern) and (
            entry is None or lemma in LIGHT_VERBS or (entry.cameo.startswith("01") and lemma in PERFORMATIVE_VERBS)
        ):
            for obj in event_noun_slots(verb, inside=entry is None):
                noun_entry = self.lexicon.match_noun(obj.lemma_.lower(), modifier_words(obj))
                if noun_entry is not None:
                    return noun_entry, [verb, obj]
        if entry is None:
            return None, []
        trigger = [verb] + [word_tokens[w] for w in sorted(entry.pattern) if w in word_tokens]
        return entry, sorted(trigger, key=lambda t: t.i)

    def _noun_frame(self, verb: Token) -> tuple[str | None, Token | None]:
        """A frame named by the verb's object, and its clause: "reached a consensus to share data",
        "repeated its demand that Egypt lift the curbs". Only for a verb that itself says no more
        than a statement; "signed an agreement to build a pipeline" stays the signing (057)."""
        noun = object_of(verb)
        frame = self.lexicon.frames.get(noun.lemma_.lower()) if noun is not None and noun.pos_ == "NOUN" else None
        if noun is None or frame is None or verb.lemma_.lower() in RECEIVING_VERBS:
            return None, None  # "faces pressure to aid Kyiv": what is received is the giver's act
        own = self.lexicon.match_verb(verb.lemma_.lower(), frame_words(verb)[0])
        if own is not None and not own.cameo.startswith("01"):
            return None, None
        # The parser hangs the clause on the noun as "acl", or "relcl" when it has its own "to",
        # or on the verb as a purpose ("took steps to lift").
        clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
        clauses += [c for c in verb.children if c.dep_ == "advcl" and c.i > noun.i]
        clause = next((c for c in clauses if c.pos_ in ("VERB", "AUX")), None)
        if clause is None or not _to_or_that(clause):
            return None, None
        return frame, clause

    def _no_event(self, verb: Token, mentions: MentionIndex) -> bool:
        """Whether a table row says this verb, with its words, is no event."""
        entry, _ = self._verb_entry(verb, mentions)
        return entry is not None and entry.no_event

    def _frame(self, verb: Token, frame: str, wrapped: Predicate, mentions: MentionIndex) -> Predicate:
        if frame == "intend" and mentions.of_phrase(object_of(verb)) and not _passive(verb):
            # "wants Putin to attack": an intention for someone else is an appeal; "Putin is
            # scheduled to attend" is Putin's own.
            frame = "appeal"
        code = self.lexicon.frame_code(frame, wrapped.cameo) or wrapped.cameo
        code = self.lexicon.refine(code, clause_words(wrapped.head) | clause_words(verb))
        sources = self.subjects(verb, mentions) or wrapped.sources
        if not sources and frame == "intend" and _passive(verb):
            sources = mentions.of_phrase(child_with(verb, "nsubjpass"))  # "Japan is committed to providing aid"
        targets = wrapped.targets
        if frame in ("appeal", "demand", "permit"):
            # "urged Iran to ...", "called on Iran to ...", "demanded that Iran ...", "allowed Iran to ...".
            addressee = mentions.of_phrase(object_of(verb)) or mentions.of_phrase(on_object(verb))
            if not addressee and wrapped.head.dep_ in ("ccomp", "acl"):
                addressee = mentions.of_phrase(subject_of(wrapped.head))
            if not addressee and frame == "permit":  # "gave permission to Poland to ..."
                addressee = self._preposition_objects(verb, None, mentions, ("to",))
            targets = addressee or targets
        code, negated = self._refused_permission(verb, frame, code)
        # An intention is not yet an act; a vow to harm ("vowed to retaliate", coded 13x) is a threat, made.
        # An appeal or demand is made, and what it asks for is "demanded", not done.
        modality = "intended" if frame in ("intend", "schedule") and not code.startswith("13") else "asserted"
        if frame in ("appeal", "demand"):
            modality = "demanded"
        if frame == "deny":
            code, negated = wrapped.cameo, True
        if is_condition(verb) or is_awaited(verb):
            modality = "hypothetical"  # "... unless the governor resigns": a condition, not an act
        return Predicate(
            head=verb,
            cameo=code,
            trigger=[verb, *wrapped.trigger],
            sources=sources,
            targets=targets,
            negated=negated,
            modality="negated" if negated else modality,
            specific=wrapped.specific,
            basis="frame",
            consumed={verb.i, *wrapped.consumed, wrapped.head.i},
            rule=f"frames.tsv: {verb.lemma_.lower()} = {frame}, wrapping {wrapped.cameo} -> {code}; {wrapped.rule}",
        )

    def _needed(self, verb: Token, mentions: MentionIndex, memo) -> Predicate | None:
        """ "stressed the need to lift the embargo", "spoke of the need for a ceasefire": saying
        an act is needed asks for it; an emphatic verb demands it, any other appeals for it."""
        need = object_of(verb) or next(
            (child_with(c, "pobj") for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "about")), None
        )
        if need is None or need.lemma_.lower() not in NEED_NOUNS:
            return None
        wrapped = None
        # "stressed the duty of Bolivia to free them": the parser may hang the clause on the verb.
        hung = [c for c in verb.children if c.dep_ == "xcomp"] if need.dep_ == "dobj" else []
        for child in [*need.children, *hung]:
            if child.dep_ in ("acl", "relcl", "xcomp") and child.pos_ in ("VERB", "AUX"):
                wrapped = self.code_clause(child, mentions, memo)
            elif child.dep_ == "prep" and child.lower_ == "for" and wrapped is None:
                noun = child_with(child, "pobj")
                entry = self.lexicon.match_noun(noun.lemma_.lower(), modifier_words(noun)) if noun is not None else None
                if noun is not None and entry is not None:
                    targets = self.objects(noun, mentions)
                    wrapped = Predicate(noun, entry.cameo, [noun], [], targets, basis="noun", rule=entry.describe())
            if wrapped is not None:
                break
        if wrapped is None:
            return None
        frame = "demand" if verb.lemma_.lower() in EMPHATIC_VERBS else "appeal"
        needed = self._frame(verb, frame, wrapped, mentions)
        needed.trigger = sorted({*needed.trigger, need}, key=lambda t: t.i)
        needed.consumed |= {need.i}
        needed.rule = f'"the need" for an act is asked for ({frame}); {needed.rule}'
        return needed

    def _obligation(
        self, verb: Token, clause: Token, inner: Predicate | None, mentions: MentionIndex
    ) -> Predicate | None:
        sources = self.subjects(verb, mentions)
        targets = mentions.of_phrase(subject_of(clause))
        # "stressed that the sanctions must be lifted": a passive demand is addressed to no one named.
        addressed = bool(targets) or _passive(clause)
        if not sources or not addressed:
            return None
        code = self.lexicon.frame_code("demand", inner.cameo if inner else "") or "100"
        code = self.lexicon.refine(code, clause_words(clause))
        trigger = [verb] + [c for c in clause.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX]
        consumed = {verb.i, clause.i} | (inner.consumed if inner else set())
        return Predicate(
            head=verb,
            cameo=code,
            trigger=trigger,
            sources=sources,
            targets=targets,
            negated=is_negated(verb),
            modality="demanded",
            basis="frame",
            consumed=consumed,
            rule=f'a reported "must" or "should" is a demand -> {code}' + (f"; {inner.rule}" if inner else ""),
        )

    def _reported(self, verb: Token, inner: Predicate, mentions: MentionIndex) -> Predicate:
        speakers = self.subjects(verb, mentions)
        sources = inner.sources
        subject = subject_of(inner.head)
        passive = child_with(inner.head, "nsubjpass")
        if passive is not None and passive.lemma_.lower() in NUMBER_WORDS | {"some", "many", "several"}:
            passive = child_with(child_with(passive, "prep"), "pobj") or passive  # "three of its soldiers"
        if subject is None and inner.cameo.startswith("01"):
            subject = child_with(inner.head, "nsubjpass")  # "NATO said it was concerned": who feels is the speaker
        if speakers and subject is not None and subject.pos_ == "PRON" and subject.lower_ in SPEAKER_PRONOUNS:
            # "Seoul said it would send aid": "it" is the speaker; not "they" for one minister.
            sources = speakers if _can_stand_for(subject, subject_of(verb)) else []
        elif speakers and subject is not None and _owned_by_pronoun(subject):
            # "Israel said its jets struck ...": the speaker's own jets.
            country = speakers[0].actor.country
            sources = _placed_unknown(sources, country)
            # "The army said its aircraft struck ...": means no table codes are the speaker's.
            sources = sources or speakers
        targets = inner.targets
        if speakers and not targets and _acts_on_own(inner.head):
            # "Ankara said Greek jets violated its airspace": what is "its" is the speaker's.
            targets = [m for m in speakers if m.actor.code not in {s.actor.code for s in sources}]
        elif speakers and passive is not None and _owned_by_pronoun(passive):
            # "Kyiv said three of its soldiers were killed": the speaker's own soldiers.
            country = speakers[0].actor.country
            targets = _placed_unknown(targets, country)
        if not sources and speakers and _announces_own(inner, passive) and _speaks_for_a_state(speakers[0].actor):
            # "Tehran said two French nationals had been released": a state announcing a release,
            # a visit or aid done with no named doer announces its own act.
            sources = speakers
        if not targets and sources and speakers:
            # "Erdogan told Putin that Turkey would not recognise ...": the speaker's side acting on
            # no one named acts on whom it is told to.
            told = mentions.of_phrase(object_of(verb)) or mentions.of_phrase(child_with(verb, "dative"))
            told = [m for m in told if _speaks_for_a_state(m.actor)]  # "told reporters" tells no party
            if told and {m.actor.country for m in sources} <= {m.actor.country for m in speakers}:
                targets = told
        speaker = speakers[0].actor.name or speakers[0].text if speakers else ""
        if verb.lemma_.lower() in CLAIM_VERBS and _claims_own(inner, subject, speakers, sources):
            claimed = self.lexicon.frame_code("claim", inner.cameo)
            if claimed is not None:
                # "the group claimed its fighters had bombed the depot": the group's claim of
                # responsibility (015), aimed at whom the deed was.
                inner = replace(inner, cameo=claimed, rule=f"{inner.rule}; claimed as its own -> {claimed}")
                sources = speakers
        return replace(
            inner,
            sources=sources,
            targets=targets,
            speech=verb,
            speakers=speakers,
            basis="reported",
            quote_speaker=speaker,
            consumed=inner.consumed | {verb.i, inner.head.i},
            rule=f"{inner.rule}; reported by {speaker or verb.text}, the report's own event wins over a statement",
        )

    def _undergone(self, verb: Token) -> tuple[Entry | None, list[Token]]:
        """ "came under pressure from Berlin", "is under growing pressure from Brussels": an event
        noun the subject is "under" is done to it, by whoever it comes from (see ``_receives``)."""
        if verb.lemma_.lower() not in UNDER_VERBS:
            return None, []
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"):
            noun = child_with(prep, "pobj")
            entry = self.lexicon.match_noun(noun.lemma_.lower(), modifier_words(noun)) if noun is not None else None
            if noun is not None and entry is not None:
                return entry, [verb, noun]
        return None, []

    def _sent_thing(self, verb: Token) -> tuple[Entry | None, list[Token]]:
        """What a verb of receiving got when its object has no noun row: "received weapons" is
        their sending, by the rows of "send" that name it (a bare "send" is not enough: "received a
        letter"). Who sent it is found as for any received act (see ``_receives``)."""
        obj = object_of(verb)
        if verb.lemma_.lower() not in RECEIVING_VERBS or obj is None or obj.dep_ not in ("dobj", "obj"):
            return None, []
        sent = self.lexicon.match_verb(SENDING_VERB, {obj.lemma_.lower()} | modifier_words(obj))
        return (sent, [verb, obj]) if sent is not None and sent.pattern and not sent.no_event else (None, [])

    def _sent_away(self, verb: Token, mentions: MentionIndex) -> Predicate | None:
        """ "ordered the UN peacekeepers to leave the country" expels them, as "ordered the UN
        peacekeepers out of the country" does: the verb's own "out" row for whom it sends away."""
        complement = unprefixed(child_with(verb, "xcomp"))
        obj = object_of(verb)
        if complement is None or complement.lemma_.lower() not in LEAVING_VERBS or obj is None:
            return None
        entry = self.lexicon.match_verb(verb.lemma_.lower(), {"out", obj.lemma_.lower()} | modifier_words(obj))
        sources = self.subjects(verb, mentions)
        if entry is None or entry.no_event or "out" not in entry.pattern or not sources:
            return None
        code = self.lexicon.refine(entry.cameo, clause_words(verb))
        predicate = Predicate(
            head=verb,
            cameo=code,
            trigger=[verb, obj, complement],
            sources=sources,
            targets=mentions.of_phrase(obj),
            negated=is_negated(verb),
            specific=True,
            basis="pattern",
            consumed={verb.i, obj.i, complement.i},
            rule=f"{entry.describe()}; told to {complement.lemma_.lower()}, sent out"
            + (f"; refined to {code} by the clause's words" if code != entry.cameo else ""),
        )
        return self._modality(verb, predicate, mentions)

    def _refused_permission(self, verb: Token, frame: str, code: str) -> tuple[str, bool]:
        """ "would not allow Poland to help": a permission refused in the future tense is a rejection
        (12x: 080 -> 124), as any refused future act is; the code and whether it is still negated."""
        negated = is_negated(verb)
        if frame == "permit" and negated and is_future(verb):
            return self.lexicon.frame_code("reject", code) or code, False
        return code, negated

    def _uncoded_request(
        self, verb: Token, frame: str | None, complement: Token | None, mentions: MentionIndex
    ) -> Predicate | None:
        """ "wants Kosovo to hold elections", "ordered the minister to resign": asking a named
        actor to act is an appeal (020) or a demand (100) even when the act asked has no code."""
        if frame not in ("appeal", "demand", "intend", "permit") or complement is None:
            return None
        if frame == "intend" and _passive(verb):
            return None  # "the vote is scheduled to take place": one's own uncoded act
        addressee = mentions.of_phrase(object_of(verb), inside=False) or mentions.of_phrase(on_object(verb))
        if not addressee and complement.dep_ == "ccomp":
            addressee = mentions.of_phrase(subject_of(complement), inside=False)
        sources = self.subjects(verb, mentions)
        # "the government ordered the state oil company to ...": an order to a body of one's own
        # (VENGOV to VENGOVBUS) is running it, not a demand on another.
        addressee = [m for m in addressee if not any(_part_of(m.actor, source.actor) for source in sources)]
        if not addressee or not sources:
            return None  # "wants to join", "plans to expand": one's own uncoded act is no event
        asked = "appeal" if frame == "intend" else frame  # an intention for someone else is an appeal
        code = self.lexicon.frame_code(asked, "") or ("020" if asked == "appeal" else "100")
        code = self.lexicon.refine(code, clause_words(complement) | clause_words(verb))
        modality = "hypothetical" if is_hypothetical(verb) else "demanded"  # "might want X to ..."
        if frame == "permit" and modality == "demanded":
            modality = "asserted"  # "allowed the opposition to march": the allowing is done
        code, negated = self._refused_permission(verb, frame, code)
        return Predicate(
            head=verb,
            cameo=code,
            trigger=[verb],
            sources=sources,
            targets=addressee,
            negated=negated,
            modality="negated" if negated else modality,
            basis="frame",
            consumed={verb.i, complement.i},
            rule=f"frames.tsv: {verb.lemma_.lower()} = {asked}, asking a named actor an act with no code -> {code}",
        )

    # -- arguments -------------------------------------------------------------

    def arguments(
        self, verb: Token, mentions: MentionIndex, skip: frozenset[int] | set[int] = frozenset()
    ) -> tuple[list[Mention], list[Mention]]:
        """The source and target mentions of a verb; ``skip`` holds the words of its pattern.

        A word of the pattern is not a target: the troops of "sent troops" are
        what is sent, not whom it is sent to.
        """
        if _past_participle(verb) and verb.head.pos_ in ("NOUN", "PROPN"):
            # "soldiers killed in the attack": a past participle's noun is what it was done to.
            agent = child_with(verb, "agent")
            by = child_with(agent, "pobj") if agent is not None else None
            # ... unless the noun is the act itself: "sanctions imposed by the EU on Belarus".
            targets = mentions.of_phrase(verb.head) or self._preposition_objects(
                verb, verb.head, mentions, DIRECTED_PREPS
            )
            return mentions.of_phrase(by), targets
        passive = child_with(verb, "nsubjpass")
        if passive is not None:
            # "had been shelled or occupied by armed men": the "by" of a joined passive is both verbs'.
            agents = (child_with(member, "agent") for member in (verb, *verb.conjuncts))
            agent = next(filter(None, agents), None)
            by = child_with(agent, "pobj") if agent is not None else None
            target = mentions.of_phrase(passive) if passive.i not in skip else []
            if not target:  # "charges against Chile were filed by Peru at the court": the subject's own "against"
                target = self._preposition_objects(passive, None, mentions, NOUN_DIRECTED_PREPS)
            if not target:  # "aid would be sent to Turkey": what is sent is no target; where it goes is
                target = self._preposition_objects(verb, None, mentions, DIRECTED_PREPS)
            doers = mentions.of_phrase(by) or mentions.unknown_at(by) or self._weapon_users(by, mentions)
            return doers or self._maker_of_means(verb, mentions), target
        agent = child_with(verb, "agent")
        if agent is not None and child_with(verb, "auxpass") is not None and _joined_to(verb) is not None:
            # "The detainees, held for months, were freed by the governor": a passive the parser
            # joins to the clause before it shares that clause's subject, which it was done to.
            by = child_with(agent, "pobj")
            return mentions.of_phrase(by) or mentions.unknown_at(by), self.subjects(verb, mentions)
        return self.subjects(verb, mentions), self.objects(verb, mentions, skip)

    def _weapon_users(self, weapon: Token | None, mentions: MentionIndex) -> list[Mention]:
        """Who used the thing a passive was done by, as its own participle's "by" says: "shot down
        by a rocket launched by a militia", "hit by a drone flown by the army"."""
        if weapon is None:
            return []
        for participle in (c for c in weapon.subtree if c.dep_ == "agent" and c.head.tag_ == "VBN"):
            users = mentions.of_phrase(child_with(participle, "pobj"))
            if users:
                return users
        return []

    def _maker_of_means(self, verb: Token, mentions: MentionIndex) -> list[Mention]:
        """Who did a passive act with no "by": the maker of the event it happened in.
        "Five soldiers were killed in an ambush by Taliban fighters", "... in an Israeli airstrike"."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
            noun = child_with(prep, "pobj")
            if noun is not None and _split_gerund(noun, self.lexicon.nouns):
                # "killed in Turkish artillery shelling", parsed with "shelling" a verb of its own: the
                # words before the gerund name its maker.
                return self._makers(noun, mentions)
            if noun is None or noun.lemma_.lower() not in self.lexicon.nouns:
                continue
            for child in noun.children:
                # "killed in an ambush by Taliban fighters", "killed in a clash with Chinese troops"
                if child.dep_ == "prep" and child.lower_ in ("by", "with"):
                    return mentions.of_phrase(child_with(child, "pobj"))
                if child.dep_ == "poss" and child.pos_ != "PRON":
                    return mentions.of_phrase(child)
            return mentions.at(noun)
        return []

    def subjects(self, verb: Token, mentions: MentionIndex) -> list[Mention]:
        subject = subject_of(verb)
        if subject is not None:
            # A name no table codes still acts: its event is kept with the country unknown.
            return (
                mentions.of_phrase(subject)
                or mentions.unknown_at(subject)
                or _antecedent(subject, mentions)
                or mentions.pair_before(subject)
            )
        joined = _joined_to(verb)
        if joined is not None:
            return _stolen_subject(verb, mentions) or self.subjects(joined, mentions)  # "met and signed"
        prefix = prefix_of(verb)
        if prefix is not None:
            return self.subjects(prefix, mentions)  # "Serbia re-opened ...", "re" parsed as the head
        if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            # "troops are about to withdraw", "the envoy was due to meet": the adjective raises
            # the verb's subject, as "is set to" and "is expected to" do.
            return self.subjects(verb.head.head, mentions)
        if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and mentions.of_phrase(object_of(verb.head)):
            return mentions.of_phrase(object_of(verb.head))  # "urged the army to stop": the army stops
        if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head, mentions)
        document = verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and document.lemma_.lower() in DOCUMENT_NOUNS:
            if document.dep_ in ("dobj", "obj") and document.head.pos_ in ("VERB", "AUX"):
                return self.subjects(document.head, mentions)  # "issued a statement condemning": its issuer
        if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and gerund_complement(verb) is not None:
            if verb.head.pos_ in ("NOUN", "PROPN"):
                # "Farmers resorted to blocking roads", the sentence's only verb parsed as a
                # participle of its subject: who "resorted to" or "insisted on" an act does it.
                return mentions.of_phrase(verb.head)
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and not _past_participle(verb)):
            if verb.head.pos_ in ("NOUN", "PROPN"):
                return mentions.of_phrase(verb.head)
        return []

    def objects(
        self, verb: Token, mentions: MentionIndex, skip: frozenset[int] | set[int] = frozenset()
    ) -> list[Mention]:
        """The target mentions of a verb: its object, else whom a preposition names.

        An object that names an actor wins; next an actor after "to", "against",
        ...; then the actor inside the object ("returned the bodies of two
        soldiers to Lebanon" goes to Lebanon, "demanded the resignation of the
        government" to the government); last one after "with", "from", ....
        An event noun's own "to" names where it went, not whom the verb is
        about: "condemned the visit of the US speaker to Taiwan" is about the US.
        """
        obj = object_of(verb)
        if obj is not None and obj.lower_ in REFLEXIVE_PRONOUNS:
            return self.subjects(verb, mentions)  # "Libya had bombed itself": done to no other actor
        if obj is not None and obj.i not in skip:
            found = mentions.of_phrase(obj, inside=False)
            if found:
                return found
        event_noun = obj is not None and obj.lemma_.lower() in self.lexicon.nouns
        found = self._preposition_objects(verb, None if event_noun else obj, mentions, DIRECTED_PREPS)
        if found:
            return found
        if event_noun and obj is not None:
            found = self.answered_makers(obj, mentions, verb)
            if found:
                return found
        found = mentions.of_phrase(obj, head=obj is not None and obj.i not in skip)
        if found:
            return found
        found = self._preposition_objects(verb, obj, mentions, TARGET_PREPS)
        if event_noun and obj is not None:
            # "condemned the attack on its embassy": the source's own victims are not its target.
            owned = {t.idx for t in obj.subtree if _owned_by_pronoun(t)}
            found = [m for m in found if m.head not in owned]
        return found or mentions.of_phrase(child_with(verb, "dative"))

    def answered_makers(self, noun: Token, mentions: MentionIndex, verb: Token | None = None) -> list[Mention]:
        """The makers of an act another answers: "rejected the accusations by Colombia",
        "condemned the killing of its soldiers by Indian troops", "the sanctions imposed by the US".

        What is answered is its maker's doing, so the maker is the target, before the act's own
        victim ("of its soldiers"). The maker is marked (MAKER_RULE): it is no one of the
        answering side's country for being named by it ("Germany condemned the attack by rebels"),
        unless the act fell on the answering side's own ("the attack by rebels on its base").
        """
        found = self._preposition_objects(noun, None, mentions, ("by",))
        for clause in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and not found):
            found = mentions.of_phrase(child_with(child_with(clause, "agent"), "pobj"))
        if not found and verb is not None and not _passive(verb):
            # "denounced the shelling by Russian troops of ...", its "by" hung on the active verb.
            by = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            found = mentions.of_phrase(child_with(by, "pobj"))
        if any(_owned_by_pronoun(t) for t in noun.subtree if t.dep_ in ("pobj", "dobj")):
            return found  # parsers hang "on its base" on the maker as often as on the act
        return [replace(m, rule=f"{MAKER_RULE}; {m.rule}") for m in found]

    def _preposition_objects(
        self, verb: Token, obj: Token | None, mentions: MentionIndex, prepositions: tuple[str, ...]
    ) -> list[Mention]:
        places = [verb] + ([obj] if obj is not None else [])
        # "spoke by telephone with Raisi": one prepositional phrase deeper.
        places += [
            item
            for child in verb.children
            if child.dep_ in ("prep", "agent")  # "imposed by the EU on Belarus", parsed under "EU"
            for item in child.children
            if item.dep_ == "pobj"
        ]
        # The first preposition in ``prepositions`` order wins; for each, the nearest holder.
        found: dict[str, list[Mention]] = {}
        for holder in places:
            for child in holder.children:
                word = child.lower_
                if child.dep_ in ("prep", "dative") and word in prepositions and word not in found:
                    actors = mentions.of_phrase(child_with(child, "pobj"))
                    if actors:
                        found[word] = actors
        return next((found[word] for word in prepositions if word in found), [])

    # -- nouns -----------------------------------------------------------------

    def code_noun(self, noun: Token, mentions: MentionIndex) -> Predicate | None:
        """An event noun with its actors: "A's visit to B", "the talks between A and B"."""
        entry = self.lexicon.match_noun(noun.lemma_.lower(), modifier_words(noun))
        if entry is None:
            return None
        sources: list[Mention] = []
        targets: list[Mention] = []
        for child in noun.children:
            if child.dep_ == "poss":
                sources = mentions.of_phrase(child)
            elif child.dep_ == "prep" and child.lower_ in ("by", "between", "among"):
                # "by A" acts; "between A and B" act on each other (see reciprocal pairs).
                sources = mentions.of_phrase(child_with(child, "pobj"))
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS and not targets:
                targets = mentions.of_phrase(child_with(child, "pobj"))
        if not targets and entry.cameo in VISIT_CODES:
            targets = mentions.places_under(noun)
            if not targets and noun.dep_ == "pobj":
                targets = mentions.places_under(noun.head.head)
        on_verb = noun.dep_ == "pobj" and noun.head.lower_ in ("on", "for") and noun.head.head.pos_ in ("VERB", "AUX")
        if not sources and on_verb:
            sources = self.subjects(noun.head.head, mentions)  # "Kang, on a visit to Moscow, ..."
        if not sources:
            sources = mentions.at(noun)  # "an Israeli airstrike on Gaza": the noun names its maker
        if sources and not targets and entry.cameo[:2] not in OWN_OBJECT_ROOTS:
            # "Russia's invasion of Ukraine", "the Saudi bombing of Yemen": with its maker named, the
            # noun's "of" names whom it is done to ("the visit of the speaker" names the maker); not
            # what is sent or shown ("China's deployment of troops" is China's own).
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            makers = {m.actor.code for m in sources}
            targets = [m for m in mentions.of_phrase(child_with(of, "pobj")) if m.actor.code not in makers]
        # Without a target or a pair of actors, a noun is too weak a sign of an event:
        # "Russia's cooperation was important" reports no cooperation.
        if not sources or not (targets or len(sources) > 1):
            return None
        # "a demonstration against the new tax", "a hunger strike for their release": what the
        # noun's own phrase says it is for picks the sub-code, as for a verb's clause.
        refined = self.lexicon.refine(entry.cameo, clause_words(noun))
        refined = _third_place(refined, mentions.places_under(noun), sources + targets)
        return Predicate(
            head=noun,
            cameo=refined,
            trigger=[noun],
            sources=sources,
            targets=targets,
            specific=bool(entry.pattern),
            basis="noun",
            consumed={noun.i},
            rule=entry.describe()
            + " (an event noun with its actors)"
            + (f"; refined to {refined} by the noun's words" if refined != entry.cameo else ""),
        )


def _part_of(actor: Actor, whole: Actor) -> bool:
    """ "the state oil company" (---GOVBUS, placed later) is part of the government (AGOGOV)."""
    roles, whole_roles = actor.code[3:], whole.code[3:]
    same_country = actor.country in (whole.country, "", UNKNOWN_COUNTRY)
    return bool(whole_roles) and same_country and roles.startswith(whole_roles) and roles != whole_roles


def _stolen_subject(verb: Token, mentions: MentionIndex) -> list[Mention]:
    """ "Hamas fired rockets at Israel and Israeli jets struck Gaza": the parser often joins the
    second clause's subject to the first one's object; a noun so joined that stands right before
    a finite verb with an object of its own is that verb's subject."""
    if verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP") or object_of(verb) is None:
        return []
    before = verb.doc[verb.i - 1]
    if before.dep_ != "conj" or before.pos_ not in ("NOUN", "PROPN") or before.head.dep_ in SUBJECT_DEPS:
        return []
    return mentions.at(before)  # the noun's own mention, not the whole joined phrase


def _antecedent(pronoun: Token, mentions: MentionIndex) -> list[Mention]:
    """ "Rebels stormed the town and they burned the market", "When the rebels entered the town,
    they shelled ...": a subject pronoun stands for the subject of the clause joined to its own
    or of the clause before it that it heads, when the two agree in number. Pronouns further
    away (in a reported or relative clause) are left alone: the nearest subject is too often
    someone else."""
    number = ANTECEDENT_NUMBER.get(pronoun.lower_)
    verb = pronoun.head
    if number is None or pronoun.pos_ != "PRON" or verb.pos_ not in ("VERB", "AUX"):
        return []
    candidates = [subject_of(verb.head)] if verb.dep_ == "conj" else []
    candidates += [subject_of(c) for c in verb.children if c.dep_ == "advcl" and c.i < pronoun.i]
    for token in candidates:
        if token is None or token.pos_ == "PRON":
            continue
        plural = _plural(token)
        person = token.ent_type_ == "PERSON" or token.tag_ in ("NN", "NNP")
        if {"plural": plural, "person": not plural and person}[number]:
            return mentions.of_phrase(token)
    return []


def _plural(phrase: Token) -> bool:
    """Whether a phrase names more than one: a plural noun, or nouns joined ("Russia and China")."""
    return phrase.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in phrase.children)


@cache
def person_nouns() -> frozenset[str]:
    """Head nouns that name one person (data/cameo/person_nouns.tsv)."""
    return frozenset(row["noun"] for row in read_table(PERSON_NOUNS_PATH, ("noun", "example")))


def _can_stand_for(pronoun: Token, speaker: Token | None) -> bool:
    """Whether a pronoun can stand for the speaker's phrase by number: "they" not for one person
    ("the Iranian minister said they attacked"), "he" and "she" not for a country or a body."""
    if speaker is None or speaker.pos_ == "PRON":
        return True
    plural = _plural(speaker)
    person = not plural and (speaker.ent_type_ == "PERSON" or speaker.lemma_.lower() in person_nouns())
    if pronoun.lower_ == "they":
        return not person
    if pronoun.lower_ in ("he", "she"):
        return person or (not plural and speaker.ent_type_ not in ("GPE", "ORG", "NORP"))
    return True


def _own_object(token: Token, cameo: str, mentions: MentionIndex) -> bool:
    """Whether a pattern word names something of the source's own, not the target.

    "sent troops", "pulled its troops back", "offered peacekeepers" are the
    source's; "expelled the Russian ambassador" is not.
    """
    if cameo[:2] in OWN_OBJECT_ROOTS:
        return True
    if any(child.dep_ == "poss" and child.lower_ in ("its", "their", "his", "her") for child in token.children):
        return True
    return any(m.actor.country == "---" and "MIL" in m.actor.roles for m in mentions.at(token))


def _sent_own(verb: Token, cameo: str, mentions: MentionIndex) -> set[int]:
    """The object of a verb of sending that is the source's own: people of no named country."""
    obj = object_of(verb)
    if obj is None or verb.lemma_.lower() not in SENDING_LEMMAS or cameo[:2] not in OWN_OBJECT_ROOTS:
        return set()
    found = mentions.at(obj)
    return {obj.i} if found and all(m.actor.country == UNKNOWN_COUNTRY for m in found) else set()


def _joined_to(verb: Token) -> Token | None:
    """The verb a verb is joined to by "and": "met and signed"; also when the parser joins it to
    the object of that verb ("killing three and arresting dozens", "arresting" under "three")."""
    if verb.dep_ != "conj":
        return None
    if verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    above = clause_verb(verb.head) if verb.head.pos_ in ("NUM", "NOUN", "PRON") else None
    return verb.doc[above] if above is not None else None


def _past_participle(verb: Token) -> bool:
    """Whether a verb under a noun is its past participle ("soldiers killed in the attack"): so
    tagged, or tagged a past tense when the noun belongs to another verb ("the men jailed for
    it were freed"); under a sentence's root noun a past tense is the main verb the parser missed
    ("Venezuela's minister called on Washington to ...")."""
    if verb.dep_ != "acl":
        return False
    return verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.head.dep_ != "ROOT")


def _describes_subject(verb: Token) -> bool:
    """ "The reporters jailed over the strike were freed by the colonel": the parser may take the
    participle for the main verb and join the true one to it with no "and". A verb with no object
    and no auxiliary whose joined verb is a passive with no subject of its own, and no "and" or
    "but" between them, describes the subject, which it was done to; it is not the news."""
    if verb.tag_ not in ("VBD", "VBN") or object_of(verb) is not None:
        return False
    if any(c.dep_ in ("aux", "auxpass", "cc") for c in verb.children):
        return False
    return any(
        c.dep_ == "conj" and child_with(c, "auxpass") is not None and subject_of(c) is None for c in verb.children
    )


def _describes_speaker(verb: Token) -> bool:
    """ "an envoy of the panel seeking a truce said", "officials investigating the crash
    told reporters": a participle inside the subject of a verb of saying says who speaks, and is
    not the news."""
    while verb.head.pos_ in ("VERB", "AUX") and (
        verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.head.dep_ == "acl")
    ):
        verb = verb.head  # "an aide to the envoy working to broker a truce said": the participle holds it
    if not (verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN")) and not _participle_with_subject(verb):
        return False
    root = verb.sent.root
    if root.lemma_.lower() in SPEECH_VERBS and subject_of(root) is None and root.i > verb.i:
        # "..., an aide to the envoy seeking a truce said": the parser leaves "said" without
        # its subject; the attribution is what lies between the last comma and it.
        comma = max((t.i for t in verb.sent if t.text == "," and t.i < root.i), default=-1)
        return verb.i > comma
    if verb.dep_ != "acl":
        return False
    token = verb.head
    for _ in range(4):  # the noun, and up through "of" phrases to the subject
        if token.dep_ in ("nsubj", "nsubjpass"):
            return token.head.lemma_.lower() in SPEECH_VERBS
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _delegated_purposes(predicates: list[Predicate], coded: set[int]) -> list[Predicate]:
    """ "Qatar sent an envoy to Kabul to mediate", "the UN sent staff to Haiti to investigate": the
    sending verb's event takes the code of what those sent are to do, when that is talks or an
    inquiry (DELEGATED_ROOTS); the purpose clause is then part of it, as any purpose clause is.
    A call to someone to talk ("called Biden to discuss Ukraine") is a telephone call."""
    purposes = {
        p.head.head.i: p.cameo
        for p in predicates
        if is_purpose_clause(p.head, coded) and p.cameo[:2] in DELEGATED_ROOTS and not p.negated
    }
    return [_as_purpose(p, purposes[p.head.i]) if p.head.i in purposes else p for p in predicates]


def _as_purpose(predicate: Predicate, purpose: str) -> Predicate:
    """The sending or calling verb's event recoded by what it is for; others unchanged."""
    lemma = predicate.head.lemma_.lower()
    if lemma in SENDING_LEMMAS and _tells_more(purpose, predicate.cameo):
        return replace(predicate, cameo=purpose, rule=predicate.rule + f"; those sent are to do {purpose}")
    if lemma in CALLING_LEMMAS and predicate.cameo.startswith("01") and predicate.targets and purpose[:2] == "04":
        return replace(
            predicate, cameo=PHONE_CALL, rule=predicate.rule + f"; called to talk ({purpose}) -> {PHONE_CALL}"
        )
    return predicate


def _tells_more(purpose: str, sending: str) -> bool:
    """Whether a purpose's code says more than the sending's: another family, or a specific code
    of the same ("to mediate", 045, over a visit, 042; not "to discuss", 040)."""
    return purpose != sending and (purpose[:2] != sending[:2] or purpose[2:] not in ("", "0"))


def _without_results(predicates: list[Predicate]) -> list[Predicate]:
    """Fold a participle clause telling what an attack or a riot coded in its head verb did into
    that event: "Rebels shelled the town, killing six" is one event (194), as the CAMEO manual codes
    an attack and its toll, and its victims, when named, are whom it fell on ("Israeli jets struck
    Gaza, killing four civilians" is on PSECVL); "..., kidnapping twenty" stays an event of its own."""
    violent = {p.head.i: p for p in predicates if p.cameo[:2] in FORCE_ROOTS or p.cameo == RIOT}

    def attack_of(p: Predicate) -> Predicate | None:
        head = p.head
        while head.dep_ == "conj" and head.head.tag_ == "VBG":  # "..., setting fire to X and smashing Y"
            head = head.head
        if head.dep_ != "advcl" or head.tag_ != "VBG" or p.cameo not in RESULT_CODES:
            return None
        return violent.get(head.head.i)

    kept: list[Predicate] = []
    victims: dict[int, list[Mention]] = {}
    for p in predicates:
        attack = attack_of(p)
        if attack is None:
            kept.append(p)
        elif p.targets and attack.head.i not in victims:
            victims[attack.head.i] = p.targets
    return [replace(p, targets=victims[p.head.i]) if p.head.i in victims else p for p in kept]


def _participle_with_subject(verb: Token) -> bool:
    """ "..., an aide of the envoy seeking a deal has said": the parser may hang the participle on
    the clause before as "advcl" with the speaker as its own subject; an "-ing" with no auxiliary
    is no finite clause, so it still describes who speaks."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and subject_of(verb) is not None
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _to_or_that(clause: Token) -> bool:
    """Whether a clause is an infinitive or a "that" clause: "a plan to build", "a demand that they leave"."""
    return any(c.lower_ in ("to", "that") for c in clause.children if c.dep_ in ("aux", "mark"))


def _passive(verb: Token) -> bool:
    return child_with(verb, "nsubjpass") is not None


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _undergoes(verb: Token, trigger: list[Token]) -> bool:
    """Whether the subject of a verb of dying suffers the act it died in ("died in an ambush")."""
    noun = trigger[-1] if trigger else verb
    return (
        verb.lemma_.lower() in UNDERGOING_VERBS
        and noun.i != verb.i
        and noun.dep_ == "pobj"
        and noun.head.lower_ in ("in", "during")
    )


def _witnesses(verb: Token, trigger: list[Token]) -> bool:
    """Whether a verb only tells of or perceives the act its object noun names: "residents
    reported artillery fire", "witnesses heard gunfire"; the act is not the subject's."""
    noun = trigger[-1] if trigger else verb
    return verb.lemma_.lower() in WITNESS_VERBS and noun.i != verb.i and noun.head.i == verb.i


def _split_gerund(noun: Token, event_nouns) -> bool:
    """Whether the parser split an event noun ending in "-ing" off the words before it ("in
    Turkish artillery shelling" as "in Turkish artillery" and a verb "shelling")."""
    doc = noun.doc
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return (
        after is not None
        and after.tag_ == "VBG"
        and after.lower_ in event_nouns
        and after.dep_ in ("advcl", "acl")
        and not any(c.dep_ in ("nsubj", "dobj") for c in after.children)
    )


def _used_weapon(verb: Token) -> bool:
    """Whether a participle says who used the thing a passive was done by ("a rocket launched by
    a militia" in "was downed by a rocket launched by a militia"), which the passive's event names."""
    weapon = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and child_with(verb, "agent") is not None
        and weapon.dep_ == "pobj"
        and weapon.head.dep_ == "agent"
    )


def _receives(verb: Token, trigger: list[Token], entry: Entry) -> bool:
    """Whether a verb of receiving takes its code from its object noun ("received aid") or from a
    row of "send" ("received weapons"); not from its own row ("received inspectors" is the host's act)."""
    noun = trigger[-1] if trigger else verb
    lemma = verb.lemma_.lower()
    if lemma in UNDER_VERBS and noun.dep_ == "pobj" and noun.head.lower_ == "under":
        return True  # "came under pressure from Berlin"
    return lemma in RECEIVING_VERBS and entry.lemma != lemma and noun.i != verb.i and noun.dep_ in ("dobj", "obj")


def _third_place(cameo: str, places: list[Mention], actors: list[Mention]) -> str:
    """044 for a consultation held in a country that none of two or more known actors is from."""
    if cameo not in THIRD_PLACE_CODES or not places or len(actors) < 2:
        return cameo
    countries = {m.actor.country for m in actors}
    if countries & {"", UNKNOWN_COUNTRY} or places[0].actor.country in countries | {"", UNKNOWN_COUNTRY}:
        return cameo
    return THIRD_PLACE_CODES[cameo]


def _announces_own(inner: Predicate, passive: Token | None) -> bool:
    """A passive cooperative act with no doer, which its announcer is taken to have done."""
    if passive is None or inner.sources or child_with(inner.head, "agent") is not None:
        return False
    return inner.cameo[:2] in OWN_ANNOUNCED_ROOTS


def _acts_on_own(verb: Token) -> bool:
    """Whether a verb's object, or the object of its preposition, is owned by "its", "their" or
    "our": "violated its airspace", "fired rockets at their towns"."""
    return any(_owned_by_pronoun(item) for item in verb_objects(verb))


def _path_up(token: Token, top: Token) -> list[Token]:
    """The words from ``token`` up to, not including, ``top`` (one of its ancestors)."""
    path = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _claims_own(inner: Predicate, subject: Token | None, speakers: list, sources: list) -> bool:
    """Whether a reported act is the speaker's own, done and told as done: "the group claimed it
    had bombed the depot", "claimed its fighters had ambushed"; not "claimed they will attack"."""
    if subject is None or not speakers or not sources or inner.negated or inner.modality != "asserted":
        return False
    pronoun = subject.pos_ == "PRON" and subject.lower_ in SPEAKER_PRONOUNS
    if not (pronoun or _owned_by_pronoun(subject)):
        return False
    return {m.actor.country for m in sources} <= {m.actor.country for m in speakers}


def _without_alleged(predicates: list[Predicate], accusations: list[Predicate]) -> list[Predicate]:
    """Without the acts a claim alleges of another ("Ethiopia claimed Eritrean troops had shelled
    the town and seized the airport"): the claim is the accusation; what it alleges is not told as
    done, nor are the acts joined to it by "and"."""
    alleged: set[int] = set()
    for accusation in accusations:
        if accusation.head.lemma_.lower() in CLAIM_VERBS:
            for p in predicates:
                if p.speech is not None and p.speech.i == accusation.head.i:
                    alleged |= {p.head.i} | {t.i for t in _joined_verbs(p.head)}
    return [p for p in predicates if p.head.i not in alleged]


def _joined_verbs(verb: Token) -> list[Token]:
    """The verbs "and" joins to a verb, however many ("attacked, looted and burned")."""
    joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    return joined + [t for c in joined for t in _joined_verbs(c)]


def _owned_by_pronoun(noun: Token) -> bool:
    return any(child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS for child in noun.children)


def _placed_unknown(mentions: list[Mention], country: str) -> list[Mention]:
    """The mentions, those of unknown country given ``country``: "its soldiers" of the speaker's."""
    return [_of_country(m, country) if m.actor.country == UNKNOWN_COUNTRY else m for m in mentions]


def _of_country(mention: Mention, country: str) -> Mention:
    if not country or country == UNKNOWN_COUNTRY:
        return mention
    actor = mention.actor
    return replace(mention, actor=Actor.from_parts(country, actor.roles, name=actor.name, title=actor.title))


def _speaks_for_a_state(actor: Actor) -> bool:
    """A country, its government, army or an international body; not its press or its people."""
    return (
        actor.country not in ("", UNKNOWN_COUNTRY)
        and not set(actor.roles) & REPORTING_ROLES
        or (actor.code.startswith("IGO") and not set(actor.roles) & REPORTING_ROLES)
    )


def _condition_targets(condition: Token, sources: list[Mention], mentions: MentionIndex) -> list[Mention]:
    """Whom a threat made on a condition is aimed at: who the condition says would act ("if India
    strikes again", "unless the envoy is recalled"), other than the threatening side."""
    named = mentions.of_phrase(subject_of(condition)) or mentions.of_phrase(child_with(condition, "nsubjpass"))
    doers = {m.actor.code for m in sources}
    return [m for m in named if m.actor.code not in doers]


def _conditional_own_future(clause: Token) -> bool:
    """ "(said) it would respond if ...": the speaker's own future act, on a condition."""
    return _own_future(clause) and any(is_condition(c) for c in clause.children)


def _own_future(clause: Token) -> bool:
    """ "(warned) that it would respond", "(warned) we will act": the speaker's own future act."""
    subject = subject_of(clause)
    if subject is None or subject.lower_ not in SPEAKER_PRONOUNS or not is_future(clause):
        return False
    return _can_stand_for(subject, subject_of(clause.head))  # "Erdogan warned they would": not he


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen, unique = set(), []
    for mention in mentions:
        if mention.actor.code not in seen:
            seen.add(mention.actor.code)
            unique.append(mention)
    return unique
