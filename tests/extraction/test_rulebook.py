"""Each rule of the engine is named in the rulebook with examples written for the project; each
example is found by its rule, every rule the engine uses is in the rulebook, and each finding says
which mention rules chose its speaker and how its speaker was resolved."""

import inspect
import re
from pathlib import Path

import pytest

from claims.extraction import extract, mentions, stances
from claims.extraction.document import Document
from claims.extraction.rulebook import CUE_WORD_RULES, MENTION_RULES, RULES, STANCE_RULES, in_rulebook_order

EXTRACTION = Path(__file__).resolve().parents[2] / "claims" / "extraction"
RULES_DIR = EXTRACTION / "rules"
# How the engine records a mention rule: `chosen_by("name", phrase)` (mentions.py, and the rules
# and the arbiter for the choices they make), or, in mentions.py, a name put on the list of the rules
# a reading passed through (`passed.append("name")`, `decided.append("name")`).
_MENTION_RULE_WRITTEN = re.compile(r'(?:\bchosen_by\(|\b(?:passed|decided)\.append\()\s*"([a-z-]+)"')


@pytest.mark.parametrize(
    ("rule", "example"), [(rule.name, example) for rule in RULES.values() for example in rule.examples]
)
def test_each_rules_examples_are_found_by_that_rule(rule, example):
    assert rule in [claim.rule for claim in extract(example)]


@pytest.mark.parametrize(
    ("rule", "example"), [(rule.name, example) for rule in STANCE_RULES.values() for example in rule.examples]
)
def test_each_stance_decisions_examples_are_decided_by_it(rule, example):
    [claim] = [c for c in extract(example) if c.kind != "assertion"]
    decided = stances.refined(claim.cue.lower(), claim.text)
    assert decided is not None and decided[0] == rule
    assert claim.stance == decided[1]


def test_every_rule_the_engine_names_is_in_the_rulebook_and_every_rule_there_is_used():
    used = {
        name for path in RULES_DIR.glob("*.py") for name in re.findall(r'rule="([a-z-]+)"', path.read_text())
    }
    assert used == set(RULES)


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule.name, example) for rule in MENTION_RULES.values() for example in rule.examples],
)
def test_each_mention_rules_examples_have_a_speaker_that_rule_chose(rule, example):
    chosen = [claim.speaker_rules for claim in extract(example)]
    assert any(rule in rules for rules in chosen), chosen


def test_every_mention_rule_the_engine_records_is_in_the_rulebook_and_every_one_there_is_recorded():
    written = {
        name for path in EXTRACTION.rglob("*.py") for name in _MENTION_RULE_WRITTEN.findall(path.read_text())
    }
    assert written == set(MENTION_RULES)
    # Outside mentions.py (the choices the rules and the arbiter make) a rule is recorded with chosen_by.
    for path in EXTRACTION.rglob("*.py"):
        if path.name != "mentions.py":
            assert not re.search(r'\b(?:passed|decided)\.append\(\s*"', path.read_text()), path.name


def test_a_findings_mention_rules_are_in_the_rulebooks_order_each_once():
    [claim] = extract("Ada Quill, D-Ore., last week said the ferries would run every hour this winter.")
    assert claim.speaker_rules == ("before-cue", "time-between", "party-tag")
    assert in_rulebook_order(("party-tag", "before-cue", "party-tag")) == ("before-cue", "party-tag")
    with pytest.raises(KeyError):
        in_rulebook_order(("a-rule-no-one-named",))


def test_the_arbiters_speaker_choices_record_their_rules_on_the_claims_they_make():
    text = "Harbour Radio and Island News reported that the ferries would run every hour this winter."
    [partner, first] = extract(text)
    assert (first.speaker.name, partner.speaker.name) == ("Island News", "Harbour Radio")
    assert "joined-by-and" in partner.speaker_rules and "joined-by-and" not in first.speaker_rules
    [claim] = extract("The Gazette's report said the ferry tolls would rise by a third next spring.")
    assert claim.speaker.name == "The Gazette"
    assert claim.speaker_rules == ("before-cue", "possessor", "document-issuer")


def test_the_mention_rules_stay_out_of_the_extractor_contract():
    [claim] = extract("Ada Quill, the harbour master, said the ferries would run every hour this winter.")
    assert claim.speaker_rules == ("before-cue", "apposition-role")
    assert "speaker_rules" not in claim.as_contract()


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule.name, example) for rule in CUE_WORD_RULES.values() for example in rule.examples],
)
def test_each_cue_word_rules_examples_hold_a_cue_word_it_refuses(rule, example):
    doc = Document(example)
    cue_words = doc.tokens.cue_words(example, 0, len(example))
    refused = [mentions.cue_refused(example, 0, len(example), w) for w in cue_words]
    assert rule in refused, refused
    # A refused word attributes nothing: no statement has it as its cue.
    refused_words = {(w.start, w.end) for w, name in zip(cue_words, refused, strict=True) if name == rule}
    assert not {(c.cue_start, c.cue_end) for c in extract(example)} & refused_words


def test_the_cue_word_rules_are_tried_in_the_rulebooks_order():
    source = inspect.getsource(mentions.cue_refused)
    assert re.findall(r'return "([a-z-]+)"', source) == list(CUE_WORD_RULES)


def test_a_pronoun_says_whom_it_was_resolved_to_and_where_that_name_was_read():
    text = (
        "The harbour reopened on Monday after a long winter.\n\n"
        "Ada Quill, the mayor, said the tolls would be cut by a third.\n\n"
        "She said the ferries would run every hour."
    )
    claims = extract(text)
    last = claims[-1]
    assert last.speaker.name == "Ada Quill"
    assert last.speaker.resolution == "pronoun resolved to Ada Quill, named in paragraph 2"
    assert last.as_contract()["rule"] == "cue-then-content"
    assert last.as_contract()["resolution"] == last.speaker.resolution


def test_a_surname_says_where_the_full_name_was_read():
    text = (
        "Ada Quill opened the new ferry terminal on Monday morning.\n\n"
        "The ferries will run every hour from May, Quill said."
    )
    [claim] = [c for c in extract(text) if c.speaker]
    assert claim.speaker.name == "Ada Quill"
    assert claim.speaker.resolution == "surname resolved to Ada Quill, read in full in paragraph 1"


def test_a_role_noun_says_whom_it_was_resolved_to():
    text = (
        "Ada Quill, the harbour master, said the tolls would be cut by a third.\n\n"
        "The harbour master also said the ferries would run every hour."
    )
    claim = extract(text)[-1]
    assert claim.speaker.name == "Ada Quill"
    assert claim.speaker.resolution.startswith("role noun resolved to Ada Quill")


def test_an_unresolved_pronoun_says_so():
    [claim] = extract("He said the tolls would be cut by a third before the summer.")
    assert claim.speaker.name is None
    assert claim.speaker.resolution.startswith("pronoun, not resolved")
