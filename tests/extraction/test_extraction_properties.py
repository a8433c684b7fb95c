"""Whatever the input, offsets lie inside the text and every claim's text is text[start:end]."""

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.extraction import extract, mentions, text, tokens
from claims.extraction.document import Document
from claims.extraction.lexicon import SPEECH_CUES
from claims.extraction.rulebook import in_rulebook_order
from claims.extraction.text import word_before
from claims.extraction.types import ClaimKind

NEWSY = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "«",
        "»",
        "'",
        ", ",
        ". ",
        "\n",
        "\n\n",
        " said ",
        " told reporters ",
        "Mr. ",
        "Helena Varga",
        "she",
        "he",
        " that ",
        "According to ",
        "the minister",
        ": ",
        "(",
        ")",
        "—",
        "We will win",
        "on Monday",
        "U.S.",
        "\x00",
        "\u00a0",
        "\t",
        "Sen. ",
        "?",
        "!",
    ]
)
ARTICLES = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(NEWSY, st.text(max_size=12)), max_size=120).map("".join),
)


def check(text: str) -> None:
    for claim in extract(text, published=date(2024, 5, 1)):
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        for start, end in claim.parts:
            assert claim.start <= start < end <= claim.end
        if claim.speaker is not None:
            assert 0 <= claim.speaker.start < claim.speaker.end <= len(text)
            assert text[claim.speaker.start : claim.speaker.end] == claim.speaker.text
        if claim.cue_start is not None:
            assert text[claim.cue_start : claim.cue_end] == claim.cue
        assert 0.0 <= claim.checkworthiness <= 1.0
        assert claim.kind in set(ClaimKind)
        # The mention rules that chose the speaker are the rulebook's, in its order, each once.
        assert claim.speaker_rules == in_rulebook_order(claim.speaker_rules)
        assert not claim.speaker_rules or claim.speaker is not None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES)
def test_offsets_always_index_the_input(text):
    check(text)


def test_huge_paragraph_with_unbalanced_quotes():
    text = ('"He said, ' * 5000) + "and then nothing closed"
    check(text)


def test_control_characters_and_long_lines():
    text = "\x01\x02 Jane Doe said\x0b that \x0c it rained all week. " * 2000
    check(text)


# The cue finder reads word by word; this alternation of every cue is what it must agree with.
_CUE_REFERENCE = re.compile(
    r"(?<![\w’'-])(?:according\s+to|"
    + "|".join(phrase.replace(" ", r"\s+") for phrase in tokens.PHRASAL_CUES)
    + "|"
    + "|".join(sorted(SPEECH_CUES, key=len, reverse=True))
    + r")(?![\w’'-])",
    re.IGNORECASE,
)
_CUE_PIECES = st.sampled_from(
    [
        *("said", "SAYS", "according", "to", "shot", "back", "put", "it", "unsaid", "told", "Mayor", "x"),
        *(" ", "  ", "\n", "-", "’", "'", ",", ".", "é", "_", "2"),
    ]
)


@given(st.lists(_CUE_PIECES, max_size=40), st.integers(0, 200), st.integers(0, 200))
@example(["unsaid", " ", "said"], 2, 11)  # a word cut by the start is no cue
@example(["according", "\n", "to"], 0, 12)
def test_cue_words_agree_with_one_alternation_of_every_cue(pieces, a, b):
    text = "".join(pieces)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    doc = Document(text)
    found = [(w.start, w.end) for w in doc.cues(start, end)]
    expected = [(m.start(), m.end()) for m in _CUE_REFERENCE.finditer(text, start, end)]
    # cues() then drops some matches by context ("the claims were"): compare its raw words too.
    raw = [(w.start, w.end) for w in doc.tokens.cue_words(text, start, end)]
    assert raw == expected
    assert set(found) <= set(expected)


# The cue finder as a plain scan of the span's tokens, word by word: what the token layer, found
# once per document and read by bisection, must give for any span.
_TOKEN = re.compile(r"[\w’'-]+")
_NEXT_TOKEN = re.compile(r"\s+([\w’'-]+)")


def _scanned_cues(text, start, end):
    found = []
    scan = _TOKEN.finditer(text, start, end)
    for m in scan:
        if m.start() == start and start > 0 and _TOKEN.match(text, start - 1):
            continue  # a word cut by the start is no cue
        low = m.group().lower()
        seconds = tokens.SECOND_WORDS.get(low)
        if seconds is not None:
            nxt = _NEXT_TOKEN.match(text, m.end(), end)
            if nxt is not None and nxt.group(1).lower() in seconds:
                next(scan, None)
                found.append(tokens.Word(m.start(), nxt.end(), text[m.start() : nxt.end()]))
                continue
        if low in SPEECH_CUES:
            found.append(tokens.Word(m.start(), m.end(), m.group()))
    return [w for w in found if mentions.is_cue_here(text, start, end, w)]


_TOKEN_PIECES = st.sampled_from(
    [
        *("said", "saying", "says", "SAID", "according", "to", "shot", "back", "told", "Mayor", "x", "İ"),
        *("remarks", "the", "put", "it", "as", "read", "show", "up", "warned", "by", "Σ", "ſaid"),
        *(" ", "  ", "\n", "\u00a0", "-", "’", "'", ",", ".", '"', "“", "é", "_", "2"),
    ]
)


@given(st.lists(_TOKEN_PIECES, max_size=40), st.integers(0, 200), st.integers(0, 200))
@example(["says"], 0, 3)  # a token cut by the end: "say" is a cue as far as it goes
@example(["according", " ", "to"], 0, 11)  # the second word cut by the end: "according t"
@example(["according", ",", " ", "to"], 0, 13)  # only spaces may stand between the two words
@example(["shot", " ", "back", " ", "said"], 5, 14)  # the first word cut away by the start
@example(["İ", "said", " ", "according", " ", "to"], 0, 17)  # lower-casing changes the length
def test_the_token_layer_finds_the_cues_a_scan_finds(pieces, a, b):
    text = "".join(pieces)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    doc = Document(text)
    assert doc.cues(start, end) == _scanned_cues(text, start, end)
    # Each cue's quoted flag, set once, says what the quotation lookup says.
    assert [doc.cue_quoted(cue) for cue in doc.cues(start, end)] == [
        doc.inside_quote(cue.start) for cue in doc.cues(start, end)
    ]


# The resolver's name pattern as it was written, with the word boundary first; it now opens with
# the capital (faster), and must find the same names.
_NAME_WORD = r"[A-Z](?:[a-z]+(?:[’'-][A-Za-z][a-z]*)*[’']?|[’'][A-Z][a-z]+)"
_NAME_REFERENCE = re.compile(rf"\b{_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+(?:de |van |von |al-)?{_NAME_WORD})+")
_NAME_PIECES = st.sampled_from(
    [
        "Ada",
        "Quill",
        "O'Rourke",
        "’Neil",
        "de ",
        "van ",
        "F.",
        " ",
        "  ",
        "x",
        "_",
        "2",
        "é",
        "-",
        "'s",
        "\n",
        ",",
    ]
)


@given(st.lists(_NAME_PIECES, max_size=30).map("".join))
@example("xAda Quill")  # no word boundary before the capital: no name there
@example("Ada O'Rourke F. Quill")
def test_the_resolvers_names_are_the_patterns_as_written(text):
    from claims.extraction.resolve import _NAME_SEQUENCE

    assert [m.span() for m in _NAME_SEQUENCE.finditer(text)] == [
        m.span() for m in _NAME_REFERENCE.finditer(text)
    ]


@given(
    st.lists(
        st.sampled_from(["last", "this", "week", "today", " ", "  ", "\n", "late", "Monday", "x"]),
        max_size=12,
    )
)
def test_a_time_before_a_cue_is_looked_for_only_where_it_can_end(pieces):
    text = "".join(pieces)
    if not text.rstrip().endswith(mentions._TIME_ENDINGS):
        assert mentions._TIME_BEFORE_CUE.search(text) is None


_SHARE_PIECES = st.sampled_from(
    [
        *"74 percent % per cent more than six out of 10 the voters nine in x Nearly ALL".split(),
        " ",
        "  ",
        "\n",
    ]
)


@given(st.lists(_SHARE_PIECES, max_size=40).map("".join), st.integers(0, 60))
@example("more than six out of 10 of the voters", 0)
def test_a_share_is_looked_for_among_the_last_words_only_where_it_can_be(text, lo):
    lo = min(lo, len(text))
    narrow = mentions._SHARE.search(text, mentions._share_window(text, lo, len(text)), len(text))
    wide = mentions._SHARE.search(text, lo, len(text))
    assert (narrow and narrow.span()) == (wide and wide.span())


_WORD_BEFORE_REFERENCE = re.compile(r"([\w.’'-]+)$")


@given(
    st.lists(
        st.sampled_from(["Dr", ".", "U.S", "\n", " ", "’", "-", "_", "é", "x", "2", "(", "Σ"]), max_size=40
    )
)
@example(["Jr", "\n", "."])  # "$" stands before a final newline too
def test_the_word_before_a_full_stop_is_the_patterns(pieces):
    text = "".join(pieces)
    for dot in range(len(text) + 1):
        match = _WORD_BEFORE_REFERENCE.search(text, max(0, dot - 30), dot)
        assert word_before(text, dot) == (match.start(1) if match else None)


_MARK_REFERENCE = re.compile("''|``|[" + re.escape(text.ALL_QUOTES) + "]")


@given(
    st.lists(st.sampled_from(["'", "`", '"', "“", "”", "«", "»", "„", "x", " ", "’"]), max_size=30).map(
        "".join
    )
)
def test_quotation_marks_are_found_as_the_plain_pattern_finds_them(sample):
    assert [m.span() for m in text._MARK.finditer(sample)] == [
        m.span() for m in _MARK_REFERENCE.finditer(sample)
    ]


_NEGATED_REFERENCE = re.compile(r"\b(?:not|never|n[’']t|no\s+longer)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)


@given(
    st.lists(
        st.sampled_from(["not", "NOT", "never", "n't", "n’t", "no", "longer", "did", " ", "x", "N", "_"]),
        max_size=12,
    )
)
def test_a_negation_before_a_cue_is_found_as_the_plain_pattern_finds_it(pieces):
    from claims.extraction.rules.patterns import NEGATED

    sample = "".join(pieces)
    for lo in range(len(sample) + 1):
        fast, plain = NEGATED.search(sample, lo), _NEGATED_REFERENCE.search(sample, lo)
        assert (fast and fast.span()) == (plain and plain.span())


# The words of a span as they were read before the document's words were kept: a scan of the span
# alone. tokens.Words, read once per document and asked by span, must give the same for any span.
_WORD_REFERENCE = re.compile(r"[\w’'&.-]*\w[’']?")


def _scanned_words(sample, start, end):
    return [tokens.Word(m.start(), m.end(), m.group()) for m in _WORD_REFERENCE.finditer(sample, start, end)]


_WORD_PIECES = st.one_of(
    st.sampled_from(
        [
            *("Ada", "O'Brien", "O’Neil", "U.S.", "AT&T", "Jr.", "e-mail", "2024", "3.5", "’s", "'s"),
            *(" ", "  ", "\n", ",", ".", "..", "’", "'", "&", "-", "--", "_", "é", "Σ", "ß", "İ", "x", "7"),
        ]
    ),
    st.text(alphabet="ab.,’'&- \n1é", max_size=4),
)


@pytest.mark.parametrize(
    ("sample", "start", "end", "expected"),
    [
        ("Ada O'Brien said", 6, 11, ["Brien"]),  # a word the start cuts: its rest
        ("Ada O'Brien said", 0, 8, ["Ada", "O'Br"]),  # a word the end cuts: as far as the end
        ("the Jones' house", 9, 16, ["house"]),  # only an apostrophe left of a cut word: no word
        ("U.S. officials", 0, 3, ["U.S"]),
        ("e-mail", 1, 4, ["-ma"]),  # WORD may open on a hyphen
        ("Ada said. Bo said.", 2, 13, ["a", "said", "Bo"]),  # across two blocks
    ],
)
def test_a_spans_words_as_a_scan_of_the_span_reads_them(sample, start, end, expected):
    assert [w.text for w in tokens.Words(sample, [sample.find(". ") + 2]).between(start, end)] == expected
    assert [w.text for w in _scanned_words(sample, start, end)] == expected


@settings(max_examples=300)
@given(st.lists(_WORD_PIECES, max_size=40).map("".join), st.data())
def test_the_documents_words_are_the_words_a_scan_of_the_span_reads(sample, data):
    # Blocks anywhere, even inside a word (where none may start): the answers are the same.
    blocks = data.draw(st.lists(st.integers(0, len(sample)), max_size=8))
    words = tokens.Words(sample, blocks)
    # Spans asked one after another, as the rules ask them: what one reads is not read again.
    for _ in range(data.draw(st.integers(1, 6))):
        start = data.draw(st.integers(0, len(sample)))
        end = data.draw(st.integers(start, len(sample)))
        found = words.between(start, end)
        assert found == _scanned_words(sample, start, end)
        found.clear()  # callers may change what they are given
    assert words.between(0, len(sample)) == _scanned_words(sample, 0, len(sample))
    # The document reads its words in blocks of its sentences.
    doc = Document(sample)
    start = data.draw(st.integers(0, len(sample)))
    end = data.draw(st.integers(start, len(sample)))
    assert doc.words.between(start, end) == _scanned_words(sample, start, end)
