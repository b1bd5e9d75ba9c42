"""The knowledge tables: well formed, consistent, and in agreement with the reference tables."""

from __future__ import annotations

import csv

import pytest

from communique.actors import load_countries, load_organizations, load_roles
from communique.events import Codebook, Lexicon
from communique.records import Actor
from tests.conftest import SHARED_DATA

CAMEO_ROLES = set(
    "COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG "
    "MED REF MOD RAD PTY IGO IMG INT MNC NGM NGO UIS".split()
    # religion: CAMEO codes religious actors by faith ("the imam" -> MOS)
    + "ATH BAH BUD CHR CON HIN JAN JEW MOS SHN SIK TAO".split()
)


@pytest.fixture(scope="module")
def codebook():
    return Codebook.load()


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


def reference(name):
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"reference table {path} is not present")
    with open(path, encoding="utf-8") as file:
        return list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_data_codebook_has_every_cameo_code(codebook):
    assert len(codebook.codes) == 316
    assert sum(len(code) == 2 for code in codebook.codes) == 20
    assert codebook["042"].name == "Make a visit" and codebook["042"].plover_type == "CONSULT"


def test_data_codebook_agrees_with_the_reference(codebook):
    rows = reference("cameo_events.tsv")
    assert {row["code"] for row in rows} == set(codebook.codes)
    for row in rows:
        entry = codebook[row["code"]]
        assert entry.name == row["name"]
        assert entry.goldstein == float(row["goldstein"])
        assert entry.quad_class == int(row["quad_class"])


def test_data_plover_types_agree_with_the_reference_map(codebook):
    rows = [row for row in reference("plover_map.tsv") if len(row["cameo_code"]) > 2]
    for row in rows:
        if row["cameo_code"] in codebook:
            assert codebook[row["cameo_code"]].plover_type == row["plover_event"], row["cameo_code"]
            assert codebook[row["cameo_code"]].plover_mode == row["plover_mode"], row["cameo_code"]
    assert all(not codebook[c].plover_type for c in codebook.codes if c[:2] in ("01", "02"))


@pytest.mark.parametrize("scheme,roots", [("gdelt", {9: 2, 10: 3, 14: 3, 15: 4}), ("icews", {9: 3, 14: 4, 8: 2})])
def test_data_quad_class_schemes(scheme, roots):
    book = Codebook.load(quad_scheme=scheme)
    for root, quad in roots.items():
        assert book[f"{root:02d}"].quad_class == quad


def test_data_lexicon_codes_exist(lexicon, codebook):
    assert lexicon.codes() - set(codebook.codes) == set()


def test_data_lexicon_covers_every_root_with_hundreds_of_entries(lexicon):
    verbs = [entry for entries in lexicon.verbs.values() for entry in entries]
    nouns = [entry for entries in lexicon.nouns.values() for entry in entries]
    assert len(verbs) + len(nouns) >= 400
    assert {entry.cameo[:2] for entry in verbs if not entry.no_event} == {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.parametrize(("lemma", "words", "cameo"), [("fight", {"corruption"}, "-"), ("fight", {"rebel"}, "190")])
def test_data_lexicon_no_event_rows(lexicon, lemma, words, cameo):
    # A "-" row says its words are no event; it is no code the codebook must know.
    assert lexicon.match_verb(lemma, words).cameo == cameo
    assert "-" not in lexicon.codes()


def test_data_lexicon_frames_have_codes(lexicon):
    for frame in set(lexicon.frames.values()):
        # An attempt is coded as its act except where CAMEO has an attempt code (185).
        assert (frame, "*") in lexicon.frame_codes or frame in ("deny", "attempt", "schedule"), frame


def test_data_countries_cover_un_members_and_codes_are_known():
    countries = load_countries()
    codes = {country.cameo for country in countries}
    assert {"KOR", "PRK", "RUS", "USA", "CHN", "PSE", "TWN"} <= codes
    assert len(countries) >= 195
    known = {row["code"] for row in reference("cameo_actors.tsv")}
    unknown = codes - known
    assert len(unknown) <= 12, sorted(unknown)


def test_data_country_names_go_one_way():
    owner = {}
    for country in load_countries():
        for name in (*country.names, *country.demonyms):
            assert owner.setdefault(name, country.cameo) == country.cameo, name


def test_data_roles_use_cameo_role_codes():
    roles = load_roles()
    assert len(roles) >= 150
    for title, codes in roles.items():
        assert codes and set(codes) <= CAMEO_ROLES, (title, codes)
    assert roles[("foreign", "minister")] == ("GOV",)
    assert roles[("troop",)] == ("MIL",)


def test_data_organizations_have_codes():
    organizations = load_organizations()
    by_name = {o.name: o for o in organizations}
    assert by_name["United Nations"].cameo == "IGOUNO"
    assert len(organizations) >= 80
    assert all(o.cameo and o.cameo == o.cameo.upper() for o in organizations)


def test_data_actor_codes_compose():
    actor = Actor.from_parts("KOR", ("GOV",), name="Kang Kyung-wha")
    assert (actor.code, actor.country, actor.roles) == ("KORGOV", "KOR", ("GOV",))


def test_data_person_nouns_name_one_person_not_a_body():
    from communique.events.predicates import person_nouns

    nouns = person_nouns()
    assert {"minister", "president", "spokesman"} <= nouns
    assert all(noun == noun.lower() and " " not in noun for noun in nouns)
    # Collective nouns take "they" ("the army said they shelled ..."): never listed.
    assert not nouns & {"army", "government", "ministry", "police", "party", "military"}
