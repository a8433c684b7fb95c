"""bench/realnews.py maps each annotated statement from the annotators' text onto the text the
product parsed from the page, by its words: these check the mapping on texts written here."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.realnews import Alignment

# Article words use the letters a-j only; boilerplate words each have a letter outside them, so a
# boilerplate line can never stand in for article words.
WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=7)
BOILERPLATE = ["READ MORE:", "Advertisement", "Share this story", "Photo: Getty Images", "Subscribe now"]
SEPARATORS = st.sampled_from([" ", "  ", "\u00a0", " \t", ", ", " — ", " “", "” "])


def words_in(text: str, runs: list[tuple[int, int]]) -> list[str]:
    return [word for start, end in runs for word in re.findall(r"\w+", text[start:end])]


@st.composite
def page_and_text(draw):
    """An article (lines of distinct words), the page's text made of it (some lines dropped,
    boilerplate lines put in, other white space and punctuation between words), and which
    article lines the page kept."""
    vocabulary = draw(st.lists(WORDS, min_size=2, max_size=60, unique=True))
    cuts = sorted(draw(st.sets(st.integers(1, len(vocabulary) - 1), max_size=8)))
    lines = [vocabulary[a:b] for a, b in zip([0, *cuts], [*cuts, len(vocabulary)], strict=True)]
    article = "\n\n".join(" ".join(line) for line in lines)
    kept = [draw(st.booleans()) or len(lines) == 1 for _ in lines]
    page_lines: list[str] = []
    for line, keep in zip(lines, kept, strict=True):
        page_lines += draw(st.lists(st.sampled_from(BOILERPLATE), max_size=2))
        if keep:
            page_lines.append("".join(word + draw(SEPARATORS) for word in line).strip())
    page_lines += draw(st.lists(st.sampled_from(BOILERPLATE), max_size=2))
    return article, "\n".join(page_lines), lines, kept


@settings(max_examples=300, deadline=None)
@given(data=page_and_text(), choice=st.data())
def test_a_span_whose_words_survive_maps_to_the_same_words(data, choice):
    article, page, lines, kept = data
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", article)]
    first = choice.draw(st.integers(0, len(words) - 1))
    last = choice.draw(st.integers(first, len(words) - 1))
    start, end = words[first][1], words[last][2]
    line_of = [number for number, line in enumerate(lines) for _ in line]
    surviving = [kept[line_of[i]] for i in range(first, last + 1)]

    alignment = Alignment.of(article, page)
    runs = alignment.runs(start, end)

    wanted = [word for (word, _, _), alive in zip(words[first : last + 1], surviving, strict=True) if alive]
    assert words_in(page, runs) == wanted
    assert alignment.share(start, end) == sum(surviving) / len(surviving)


ARTICLE = (
    "Storm closes harbour\n\n"
    "The harbour at Kellsby closed on Tuesday after a storm broke two moorings.\n\n"
    '"We will reopen when the moorings are safe," harbour master Ines Aldana said. "Not before."\n\n'
    "Fishermen said the closure would cost them a week of work."
)
PAGE = (
    "Storm closes harbour\n"
    "Advertisement\n"
    "The harbour at Kellsby  closed on Tuesday after a storm broke two moorings.\n"
    "READ MORE: Storm closes harbour at Ardle\n"
    "“We will reopen when the moorings are safe,” harbour master Ines\u00a0Aldana said.\n"
    "Photo: the harbour at Kellsby on Tuesday\n"
    "“Not before.”\n"
    "Fishermen said the closure would cost them a week of work."
)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_quotation_maps_around_boilerplate_that_repeats_the_articles_words():
    alignment = Alignment.of(ARTICLE, PAGE)
    quotation = span(
        ARTICLE, 'We will reopen when the moorings are safe," harbour master Ines Aldana said. "Not before'
    )

    assert [PAGE[s:e] for s, e in alignment.runs(*quotation)] == [
        "We will reopen when the moorings are safe,” harbour master Ines\u00a0Aldana said",
        "Not before",
    ]
    assert [PAGE[s:e] for s, e in alignment.runs(*span(ARTICLE, "Ines Aldana"))] == ["Ines\u00a0Aldana"]
    assert [PAGE[s:e] for s, e in alignment.runs(*span(ARTICLE, "the closure would cost them"))] == [
        "the closure would cost them"
    ]


def test_page_text_that_is_not_in_the_article_is_found():
    back = Alignment.of(ARTICLE, PAGE).inverse()

    assert back.share(*span(PAGE, "READ MORE: Storm closes harbour at Ardle")) < 0.5
    assert back.share(*span(PAGE, "Photo: the harbour at Kellsby on Tuesday")) < 0.5
    assert back.share(*span(PAGE, "harbour master Ines\u00a0Aldana said")) == 1.0


def test_a_span_with_no_words_maps_to_nothing():
    alignment = Alignment.of(ARTICLE, PAGE)

    assert alignment.runs(0, 0) == []
    assert alignment.share(0, 0) == 0.0


def test_boilerplate_standing_where_the_page_dropped_a_paragraph_is_left_out():
    article = "Kellsby harbour closed.\n\nThe storm broke two moorings.\n\nFishermen lost a week of work."
    page = "Kellsby harbour closed.\nAdvertisement\nFishermen lost a week of work."

    runs = Alignment.of(article, page).runs(0, len(article))

    assert [page[s:e] for s, e in runs] == ["Kellsby harbour closed", "Fishermen lost a week of work"]
