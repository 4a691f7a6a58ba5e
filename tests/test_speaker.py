"""Quotation rule 7 (version 2), example by example: a named speaker must be named in the source
(the whole name somewhere, a word of it near the quote; a role, whole, near the quote).

Sources are written for the purpose and verified through the real verifier, as in test_rules;
one case goes through the real CLI against a shipped seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.verify import Corpus, verify_citation
from briefing.verify.speaker import read_speaker
from tests.conftest import run_cli, write_claims

FILLER = "\n\n".join(f"Filler paragraph {n} keeps what follows away from what came before." for n in range(4))

RAPPORTEUR = (
    "The committee's vice chairperson, George Tugushi, visited the camps in May.\n"
    "\n"
    "\"The returns must stop at once,\" he told the council on Friday.\n"
    "\n"
    "A UN spokesperson said the talks would resume in June.\n"
    "\n"
    "Mr Smith, the delegate, said the mission was over.\n"
    "\n"
    f"{FILLER}\n"
    "\n"
    "The spokesperson added that the border would stay closed, and the minister agreed.\n"
    "\n"
    f"{FILLER}\n"
    "\n"
    "Philip Ruddock, the attorney general, left for Canberra.\n"
)
SUMMIT = (
    "President George W. Bush and Ursula von der Leyen opened the summit; Foreign Minister Wang Yi\n"
    "arrived late. President Moon Jae-in, of South Korea, spoke first. The U.N. Secretary-General,\n"
    "António Guterres, sent a message.\n"
    "\n"
    f"{FILLER}\n"
    "\n"
    "Von der Leyen said the plan was ready. Bush said the talks were useful.\n"
    "\n"
    "   \n"  # a line of only whitespace is a blank line
    "Moon said the peninsula must stay calm. Wang said the visit was a success.\n"
    "\n"
    "Guterres said the summit was a step forward.\n"
    "\n"
    f"{FILLER}\n"
    "\n"
    "The Der Spiegel magazine said the plan was late.\n"
    "\n"
    "The minister said the border would stay closed.\n"
)
# The same sentence twice: once far from the speaker's name, once next to it.
TWICE = (
    "Nobody spoke for the government.\n"
    "\n"
    "\"We will not return anyone,\" an official said.\n"
    "\n"
    f"{FILLER}\n"
    "\n"
    "Ana Salmón, the committee's chair, spoke last.\n"
    "\n"
    "\"We will not return anyone,\" an official said.\n"
)
DELEGATE = "Mr Smith, the delegate, said the mission was over.\n"
GOLDSMITH = "Lord Goldsmith said the mission was over. The Smiths agreed.\n"
CORPUS = Corpus({"rapporteur": RAPPORTEUR, "summit": SUMMIT, "twice": TWICE, "delegate": DELEGATE,
                 "goldsmith": GOLDSMITH})


def check(quote: str, speaker: str, source: str):
    return verify_citation(CitationRef("c", 0, source, quote, speaker, Location("claims.yaml", 7, 13)), CORPUS)


def speaker_failure(result) -> str:
    """The speaker-not-found message; fails the test if the citation failed for another reason."""
    assert [p.code for p in result.problems] == ["speaker-not-found"], result.problems
    return result.problems[0].message


ACCEPTED = [
    # the whole name in the paragraph before the quote
    ("George Tugushi", "The returns must stop at once", "rapporteur"),
    # titles, articles, case, diacritics and typography are set aside
    ("Mr. George Tugushi", "The returns must stop at once", "rapporteur"),
    ("Vice Chairperson George Tugushi", "The returns must stop at once", "rapporteur"),
    ("GEORGE TUGUSHI", "The returns must stop at once", "rapporteur"),
    ("Geórge Tugúshi", "The returns must stop at once", "rapporteur"),
    ("George\u00a0 Tugushi", "The returns must stop at once", "rapporteur"),
    ("George W Bush", "the talks were useful", "summit"),
    ("President Bush", "the talks were useful", "summit"),
    ("Moon Jae-In", "the peninsula must stay calm", "summit"),
    ("President Moon Jae‐in", "the peninsula must stay calm", "summit"),
    ("Secretary-General António Guterres", "the summit was a step forward", "summit"),
    ("UN Secretary-General Antonio Guterres", "the summit was a step forward", "summit"),
    ("Foreign Minister Wang Yi", "the visit was a success", "summit"),
    # a name's particles are not a role's lowercase words: the surname near is enough
    ("Ursula von der Leyen", "the plan was ready", "summit"),
    # the paragraph before, past a blank line of spaces
    ("Ursula von der Leyen", "the peninsula must stay calm", "summit"),
    # a role: the whole of it near the quote; U.N. is UN, articles aside
    ("a UN spokesperson", "the talks would resume in June", "rapporteur"),
    ("the U.N. spokesperson", "the talks would resume in June", "rapporteur"),
    # titles alone are kept, not set aside: the name rule then asks for them
    ("The Foreign Minister", "the border would stay closed", "summit"),
]


@pytest.mark.parametrize("speaker,quote,source", ACCEPTED)
def test_a_speaker_named_as_the_rule_asks_verifies(speaker, quote, source):
    result = check(quote, speaker, source)
    assert result.verified, result.problems


NOT_IN_SOURCE = [
    # shares "George" with the speaker the source names, next to the quote
    ("George W. Bush", "The returns must stop at once", "rapporteur"),
    # "Mr" is next to the quote, but titles are set aside and Ruddock is nowhere in this source
    ("Mr Ruddock", "the mission was over", "delegate"),
    # "the" and "minister" are next to the quote, but "Foreign Minister" is nowhere
    ("The Foreign Minister", "the border would stay closed", "rapporteur"),
    ("a UN spokesman", "the talks would resume in June", "rapporteur"),
    ("Tugushi George", "The returns must stop at once", "rapporteur"),  # the phrase, in its order
    ("Mr Smith", "the mission was over", "goldsmith"),  # whole words: not Goldsmith, not Smiths
]


@pytest.mark.parametrize("speaker,quote,source", NOT_IN_SOURCE)
def test_a_speaker_not_named_anywhere_in_the_source_fails(speaker, quote, source):
    message = speaker_failure(check(quote, speaker, source))
    assert f'speaker "{speaker}" is not named anywhere in the source' in message


NOT_NEAR = [
    # "Mr" is next to the quote; Ruddock is named, but far from it
    ("Mr Ruddock", "the mission was over", "rapporteur"),
    # the whole name is in the source, two paragraphs away
    ("George Tugushi", "the talks would resume in June", "rapporteur"),
    # a role needs all of it near: "spokesperson" is near, "UN spokesperson" is far
    ("a UN spokesperson", "the border would stay closed", "rapporteur"),
    # a particle is no word of the name for nearness: only "Der" is next to the quote
    ("Ursula von der Leyen", "the plan was late", "summit"),
]


@pytest.mark.parametrize("speaker,quote,source", NOT_NEAR)
def test_a_speaker_named_only_far_from_the_quote_fails(speaker, quote, source):
    message = speaker_failure(check(quote, speaker, source))
    assert f'speaker "{speaker}" is not named in or next to the paragraph of the quote' in message


def test_the_failure_points_at_the_quote_in_the_source_and_the_citation_in_the_claims():
    result = check("the mission was over", "Mr Ruddock", "rapporteur")
    finding = result.problems[0]
    assert (finding.location.line, finding.location.column) == (7, 13)
    assert "(quote at rapporteur:7:30)" in finding.message


def test_one_placement_with_the_speaker_named_is_enough():
    result = check("We will not return anyone", "Ana Salmón", "twice")
    assert result.verified, result.problems
    assert len(result.placements) == 2  # the far placement is still reported
    far_only = Corpus({"twice": TWICE.split("Ana Salmón", maxsplit=1)[0] + "Ana Salmón arrived.\n\n" + FILLER + "\n\n"
                       "\"We will not return anyone,\" an official said.\n"})
    ref = CitationRef("c", 0, "twice", "We will not return anyone", "Ana Salmón", Location("claims.yaml", 1, 1))
    assert "speaker-not-found" in [p.code for p in verify_citation(ref, far_only).problems]


@pytest.mark.parametrize("speaker,role", [
    ("a UN spokesperson", True),
    ("a senior official at the South Korean Foreign Ministry", True),
    ("the minister", True),
    ("Ursula von der Leyen", False),
    ("Valéry Giscard d'Estaing", False),
    ("Bashar al-Assad", False),
    ("President Moon Jae-in", False),
    ("The Foreign Minister", False),
])
def test_a_lowercase_word_other_than_a_particle_or_article_makes_a_role(speaker, role):
    assert read_speaker(speaker).role is role


@pytest.mark.parametrize("speaker,phrase", [
    ("Mr Ruddock", ("ruddock",)),
    ("Prime Minister Boris Johnson", ("boris", "johnson")),
    ("UN Special Rapporteur Tomás Ojea Quintana", ("tomas", "ojea", "quintana")),
    ("The Foreign Minister", ("foreign", "minister")),  # no name follows: the titles are the designation
    ("Mr King", ("king",)),  # a courtesy title never names anyone alone
    ("a U.N. spokesperson", ("un", "spokesperson")),
    ("Salmón", ("salmon",)),
])
def test_titles_before_a_name_and_articles_are_set_aside(speaker, phrase):
    assert read_speaker(speaker).phrase == phrase


def test_a_speaker_with_no_words_is_not_named():
    message = speaker_failure(check("The returns must stop at once", "—", "rapporteur"))
    assert "not named anywhere in the source" in message


def test_the_cli_reports_a_wrong_speaker_who_shares_a_first_name(tmp_path: Path):
    """Issue 11: George W. Bush got through where the seed names only George Tugushi."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "voa.txt").write_bytes((seeds / "000_89247fba3eac04d8.txt").read_bytes())
    write_claims(tmp_path, """title: T
sources:
  voa:
    path: seeds/voa.txt
    title: VOA
sections:
  - title: S
    claims:
      - id: c1
        text: Defectors face torture.
        citations:
          - source: voa
            quote: "Defectors face torture, arbitrary detention, rape, forced labor,"
            speaker: George W. Bush
          - source: voa
            quote: "Defectors face torture, arbitrary detention, rape, forced labor,"
            speaker: Mr. Tugushi
""")
    result = run_cli("check", "--claims", "claims.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "speaker-not-found" in line]
    assert len(lines) == 1 and lines[0].startswith("claims.yaml:13:20:"), result.stdout
    assert '"George W. Bush" is not named anywhere in the source' in lines[0]
