"""What the actor stage remembers while it reads one story: who was named, and how."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..records import Actor


@dataclass
class StoryMemory:
    """What the actor stage remembers while reading one story."""

    date: dt.date | None = None
    main_country: str = ""  # the country the story is mostly about, if one stands out
    persons: dict[str, Actor | None] = field(default_factory=dict)
    last_person: Actor | None = None
    last_subject: Actor | None = None  # the last single actor that was a subject: "he" or "she" next
    people_named: list[Actor] = field(default_factory=list)  # single persons or titles, in text order
    last_by_roles: dict[tuple[str, ...], Actor] = field(default_factory=dict)
    last_group: tuple[Actor, ...] = ()
    last_group_sentence: int = -1
    by_token: dict[int, tuple[Actor, ...]] = field(default_factory=dict)
    absorbed: set[int] = field(default_factory=set)  # names counted as members of a group named before
    rules: dict[int, str] = field(default_factory=dict)  # token -> the rule or table entry that coded it
    places: dict[int, str] = field(default_factory=dict)  # token -> country named as a place

    def remember(self, token: Token, actors: tuple[Actor, ...]) -> None:
        """Note what later mentions may refer back to: "he", "the army"."""
        for actor in actors:
            if actor.roles and actor.country not in ("", "---"):
                self.last_by_roles[actor.roles] = actor
            armed = armed_role(actor)
            if armed:
                self.last_by_roles[(armed,)] = actor  # "Hamas fired rockets ... the militant group said"
        singular = len(actors) == 1 and token.tag_ in ("NN", "NNP")
        if singular and (actors[0].name or actors[0].title) and token.pos_ != "PRON":
            self.people_named.append(actors[0])
        # Only a person or a titled role ("the spokesman") is "he" or "she" later; "Seoul" is not.
        if singular and token.dep_ in ("nsubj", "nsubjpass") and (actors[0].name or actors[0].title):
            self.last_subject = actors[0]

    def remember_group(self, token: Token, actors: tuple[Actor, ...]) -> None:
        """Note a pair or more named together, for "both", "they" and "the two sides"."""
        if any(len(self.by_token.get(above.i, ())) > 1 for above in token.ancestors):
            return  # "the ministers of Chile and Argentina": the ministers are the group
        if token.dep_ == "conj" and token.head.i in self.by_token:
            self.last_group = tuple(dict.fromkeys(self.by_token[token.head.i] + actors))  # "Iran and Tehran": one
        elif len(actors) > 1:
            self.last_group = tuple(dict.fromkeys(actors))
        else:
            return
        self.last_group_sentence = sentence_start(token)

    def code(self, index: int, actors: tuple[Actor, ...], rule: str) -> None:
        """Note the actors a token names and why."""
        self.by_token[index] = actors
        self.rules[index] = rule

    def remember_person(self, actor: Actor) -> None:
        parts = {actor.name, *actor.name.split()}
        for part in parts:
            if len(part) < 3:
                continue
            known = self.persons.get(part, actor)
            # A name part shared by two people names neither of them.
            self.persons[part] = actor if known == actor else None
        self.last_person = actor


ARMED_ROLES = ("REB", "UAF", "SEP", "INS")


def armed_role(actor: Actor) -> str:
    """The armed role of a named group by its code: PSEREBHMS is REB; an IMG group counts as REB."""
    if actor.roles or not actor.name:
        return ""
    if actor.code.startswith("IMG"):
        return "REB"
    return actor.code[3:6] if actor.code[3:6] in ARMED_ROLES else ""


def sentence_start(token: Token) -> int:
    return token.sent.start


def previous_sentence_start(token: Token) -> int:
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else -1
