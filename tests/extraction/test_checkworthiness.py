"""The check-worthiness score reads its word features by look-up for ASCII text; whatever the text,
the score must equal the one its features give read as case-insensitive patterns (written here
as they were before the look-ups existed)."""

import math
import re

from hypothesis import example, given
from hypothesis import strategies as st

from claims.extraction import checkworthiness
from claims.extraction.rules.assertions import ASSERTION_FEATURE

_REFERENCE_FOR = [
    (r"\d", 0, 1.1),
    (r"%|\bper ?cent\b|\bpercent\b", re.I, 0.9),
    (r"[$€£]|\b(?:dollars|euros|pounds|billion|million|trillion)\b", re.I, 0.9),
    (
        r"\b(?:more|less|fewer|higher|lower|larger|smaller|than|most|least|highest|lowest|"
        r"record|doubled|tripled|increased|decreased|rose|fell|cut|raised)\b",
        re.I,
        0.7,
    ),
    (r"\b(?:because|caused|led to|result(?:ed)? in|due to)\b", re.I, 0.4),
    (
        r"\b(?:voted|passed|signed|killed|arrested|spent|paid|lost|won|created|jobs|tax|taxes|"
        r"law|bill|deficit|debt|budget|unemployment|crime)\b",
        re.I,
        0.6,
    ),
    (r"\b(?:19|20)\d\d\b", 0, 0.4),
    (r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b", 0, 0.3),
]
_REFERENCE_AGAINST = [
    (
        r"\b(?:I think|I believe|I feel|I hope|we hope|I want|we want|I'm|I am|thank|"
        r"great|wonderful|terrible|love|hate)\b",
        re.I,
        0.8,
    ),
    (r"\b(?:maybe|perhaps|might|could|would|should|will)\b", re.I, 0.4),
    (r"\?", 0, 0.8),
]


def reference_score(text: str) -> float:
    total = -1.2
    for pattern, flags, weight in _REFERENCE_FOR:
        if re.search(pattern, text, flags):
            total += weight
    for pattern, flags, weight in _REFERENCE_AGAINST:
        if re.search(pattern, text, flags):
            total -= weight
    if len(text.split()) < 6:
        total -= 0.8
    return 1.0 / (1.0 + math.exp(-total))


_PIECES = st.sampled_from(
    [
        *("percent", "per", "cent", "Per Cent", "led", "to", "LED TO", "resulted", "in", "due", "I", "i'm"),
        *("I'm", "we", "hope", "Will", "maybe", "tax", "taxes", "taxed", "Record", "more", "Mayor Weaver"),
        *(
            " ",
            "  ",
            "\n",
            "-",
            "_",
            "’",
            "'",
            ",",
            ".",
            "?",
            "%",
            "$",
            "€",
            "2019",
            "7",
            "1999",
            "Ab",
            "Cd",
            "x2020",
        ),
        *("é", "ſpent", "ſ", "\u212a", "İ", "ı", "Ⅻ", "٣", "ﬁ"),  # letters and digits beyond ASCII
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
@example("The ferry cost 2 million dollars more than planned because of the storm.")
@example("They ſpent it")  # a long s matches "s": the patterns read it, not the look-ups
@example("Prices rose, I'm told, led tomorrow")
def test_score_equals_its_features_read_as_patterns(text):
    assert checkworthiness.score(text) == reference_score(text)
    assert checkworthiness.score(text, by_patterns=True) == reference_score(text)


def test_a_figure_and_a_cause_score_above_an_opinion():
    checkable = checkworthiness.score("Ferry fares rose 40 percent in 2023 because of the fuel tax.")
    opinion = checkworthiness.score("I think it would be wonderful, maybe?")
    assert checkable > 0.8 > 0.2 > opinion


# The engine's test for an author's checkable sentence, as the pattern it was written as.
_ASSERTION_REFERENCE = re.compile(
    r"\d|\b(?:percent|per cent|million|billion|trillion|more than|less than|fewer than|higher|lower|"
    r"largest|smallest|highest|lowest|record|doubled|tripled|halved|increased|decreased|rose|fell|"
    r"because of|caused|led to|due to|majority|minority|most|least)\b",
    re.IGNORECASE,
)


@given(
    st.lists(st.one_of(_PIECES, st.sampled_from(["than", "Because", "of", "halved", "٣"])), max_size=30).map(
        "".join
    )
)
@example("Fares fell")
@example("More Than")
@example("The fleet ٣")  # a digit beyond ASCII
def test_assertion_feature_equals_its_pattern(text):
    assert ASSERTION_FEATURE.search(text) == (_ASSERTION_REFERENCE.search(text) is not None)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
@example("Tolls_rose 2x, (per-cent)\x1fin\t2019!")
def test_ascii_text_is_split_into_the_words_the_pattern_finds(text):
    assert checkworthiness.read(text).words == set(re.findall(r"\w+", text.lower()))
