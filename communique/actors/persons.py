"""Office-holders by name, and the office each held on a given day."""

from __future__ import annotations

import datetime as dt

from ..records import Actor
from .tables import Person, load_people


class People:
    """The people table, looked up by full name, alias or unshared surname.

    people: the rows of ``people.tsv``; None loads the bundled table.
    """

    def __init__(self, people: list[Person] | None = None) -> None:
        self.by_name: dict[str, list[Person]] = {}
        for person in people if people is not None else load_people():
            for name in {person.name, *person.aliases}:
                self.by_name.setdefault(name, []).append(person)
        self._add_surnames()

    def _add_surnames(self) -> None:
        """Index each office-holder by surname too, where no other holder shares it."""
        owners: dict[str, set[str]] = {}
        for name, terms in self.by_name.items():
            surname = name.split()[-1]
            if len(name.split()) > 1 and len(surname) > 2:
                owners.setdefault(surname, set()).update(term.name for term in terms)
        for surname, names in owners.items():
            if len(names) == 1 and surname not in self.by_name:
                self.by_name[surname] = [t for name in names for t in self.by_name[name]]

    def actor(self, name: str, day: dt.date | None) -> Actor | None:
        """The office-holder a name means, coded by the office held on ``day``."""
        found = self.find(name, day)
        return found[0] if found is not None else None

    def find(self, name: str, day: dt.date | None) -> tuple[Actor, str] | None:
        """The office-holder a name means on ``day``, and the table row that says so (the rule)."""
        terms = self.by_name.get(name)
        if not terms:
            return None
        if day is None:
            term = max(terms, key=lambda t: t.start)
        else:
            current = [t for t in terms if t.in_office(day)]
            if not current:
                # Out of office that day: still of the country, in no role ("former president").
                earlier = [t for t in terms if t.start <= day]
                if earlier:
                    term = max(earlier, key=lambda t: t.start)
                    rule = f"people.tsv: {term.name}, {term.title} until {term.end}, out of office on {day}"
                else:
                    # Not yet in office: a citizen of the country all the same ("Senator Obama"); an
                    # international post to come says nothing of the holder's own country.
                    term = min(terms, key=lambda t: t.start)
                    rule = f"people.tsv: {term.name}, {term.title} from {term.start}, not yet in office on {day}"
                    if term.country.startswith("IGO"):
                        return None
                return Actor.from_parts(term.country, name=term.name), rule
            term = current[0]
        rule = f"people.tsv: {term.name}, {term.title} from {term.start}"
        if term.country.startswith("IGO"):
            return Actor(term.country, "", (), name=term.name, title=term.title), rule
        return Actor.from_parts(term.country, term.roles, name=term.name, title=term.title), rule
