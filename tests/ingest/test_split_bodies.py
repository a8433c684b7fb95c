"""Pages that split the article body into sibling blocks (around an ad row or a "related" module)
parse to the whole body and to none of what sits between or inside the blocks that is not the
article. The pages are written here."""

import pytest

from claims.ingest import articles

PARAGRAPHS = [
    "The Lakeside port authority voted on Tuesday to close the old ferry terminal by the end of next "
    "year, ending more than a century of passenger crossings from the north quay.",
    "“The terminal costs us four million a year to keep standing, and fewer than two hundred people "
    "use it on a busy day,” said Marta Okafor, who chairs the authority’s finance committee.",
    "Residents of the island villages said the decision had been taken without asking them. A petition "
    "against the closure gathered more than three thousand signatures in a fortnight.",
    "Harbour master Tomas Ruiz said the new terminal at the south quay would take the ferries from "
    "March, and that the crossing would be twelve minutes shorter for most passengers.",
    "“Nobody loses a crossing, and the boats will run on the same timetable,” Ruiz said, adding that "
    "the authority would pay for a shuttle bus between the two quays for the first year.",
    "The island council’s leader, Ana Brandt, said the council would ask the regional government to "
    "review the vote, arguing that the south quay floods at high tide several times each winter.",
    "“We have photographs of water over the platform every January,” Brandt said. “A terminal that "
    "cannot be reached in a storm is not a terminal for an island.”",
    "The authority said it would publish a flood study in the spring and hold two public meetings on "
    "the island before the terminal closes.",
    "Ferry operators have not said whether fares will change. The authority’s next meeting is on "
    "the first Monday of next month.",
]

BOILERPLATE = [
    "Advertisement",
    "Try our premium kayak rental today and save twenty percent on weekend bookings",
    "More from Lakeside",
    "Island bakery wins regional prize",
    "Storm warning issued for the coast",
    "New cycle lanes open along the promenade",
    "Sign up for the Lakeside Daily newsletter to get the day’s stories in your inbox every morning",
    "The north quay terminal in 1921, photographed by the harbour board",
    "Read more: Why the island ferries keep running late",
    "Share this story",
    "Comments are closed for this article",
    "Home",
    "© 2024 Lakeside Courier",
]

HEAD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Port authority votes to close ferry terminal | Lakeside Courier</title>
<meta property="og:site_name" content="Lakeside Courier"></head>
<body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article class="story">
<h1>Port authority votes to close ferry terminal</h1>
<p class="byline">By Jo Lindqvist</p>
"""

TAIL = """<div class="share-tools"><a href="#">Share this story</a></div>
</article>
<section class="comments"><h2>Comments</h2><p>Comments are closed for this article</p></section>
</main>
<footer class="site-footer"><p>© 2024 Lakeside Courier</p><a href="/about">About us</a></footer>
</body></html>"""

AD_ROW = """<div class="ad-row"><div class="ad ad--mid-content"><span class="ad-label">Advertisement</span>
<div class="ad__slot"></div></div>
<p class="sponsored">Try our premium kayak rental today and save twenty percent on weekend bookings</p></div>
"""

RELATED = """<div class="related-module"><h3>More from Lakeside</h3><ul>
<li><a href="/a">Island bakery wins regional prize</a></li>
<li><a href="/b">Storm warning issued for the coast</a></li>
<li><a href="/c">New cycle lanes open along the promenade</a></li></ul></div>
"""


def ps(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>\n" for p in paragraphs)


def block(*parts: str) -> str:
    """One block of the body, in the same container family as the others."""
    return (
        '<div class="body-row"><div class="article-body body-container">\n'
        + "".join(parts)
        + '</div><div class="body-rail"></div></div>\n'
    )


FIGURE = """<figure class="photo"><img src="/quay-1921.jpg" alt="">
<figcaption>The north quay terminal in 1921, photographed by the harbour board</figcaption></figure>
"""
NEWSLETTER = """<div class="newsletter-signup"><p>Sign up for the Lakeside Daily newsletter to get the day’s
stories in your inbox every morning</p><form><input name="email"><button>Sign up</button></form></div>
"""
READ_MORE = '<p><a href="/late-ferries">Read more: Why the island ferries keep running late</a></p>\n'


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def assert_no_boilerplate(text: str) -> None:
    for words in BOILERPLATE:
        assert words not in text


def test_a_body_split_in_two_around_an_ad_parses_to_all_its_paragraphs():
    html = HEAD + block(ps(PARAGRAPHS[:4])) + AD_ROW + block(ps(PARAGRAPHS[4:]), READ_MORE) + TAIL
    text = articles.parse_html(html).text
    assert lines(text) == PARAGRAPHS
    assert_no_boilerplate(text)


def test_a_body_split_in_three_around_an_ad_and_related_links_parses_to_all_its_paragraphs():
    html = (
        HEAD
        + block(ps(PARAGRAPHS[:3]), FIGURE)
        + AD_ROW
        + block(
            ps(PARAGRAPHS[3:6]).replace("regional government", "<a href='/r'>regional</a> government"),
            NEWSLETTER,
        )
        + RELATED
        + block(ps(PARAGRAPHS[6:]), READ_MORE, FIGURE.replace("1921", "1921 (detail)"))
        + TAIL
    )
    article = articles.parse_html(html)
    assert lines(article.text) == PARAGRAPHS
    assert_no_boilerplate(article.text)
    assert article.title == "Port authority votes to close ferry terminal"


def test_a_subheading_inside_a_later_block_is_kept_before_its_paragraph():
    html = (
        HEAD
        + block(ps(PARAGRAPHS[:4]))
        + AD_ROW
        + block("<h2>What the island says</h2>\n", ps(PARAGRAPHS[4:]))
        + TAIL
    )
    assert lines(articles.parse_html(html).text) == [*PARAGRAPHS[:4], "What the island says", *PARAGRAPHS[4:]]


def test_an_ordinary_page_parses_as_before():
    html = HEAD + block(ps(PARAGRAPHS), FIGURE, NEWSLETTER) + RELATED + TAIL
    text = articles.parse_html(html).text
    assert lines(text) == PARAGRAPHS
    assert_no_boilerplate(text)


@pytest.mark.parametrize("wrapper", ["article", "div"])
@pytest.mark.parametrize("between", [AD_ROW, RELATED])
def test_the_next_story_a_page_loads_below_in_the_same_template_is_not_taken_in(wrapper, between):
    next_story = (
        f'<{wrapper} class="story"><h1>Island bakery wins regional prize</h1>'
        + block(
            ps(
                [
                    "A bakery on the island has won the regional bread prize for the third year running, "
                    "the judges announced at the harvest fair on Saturday afternoon.",
                    "“We bake every loaf by hand, the way my grandmother did,” said owner Ines Carvalho.",
                ]
            )
        )
        + f"</{wrapper}>"
    )
    html = (
        (HEAD + block(ps(PARAGRAPHS)) + TAIL.replace("</main>", between + next_story + "</main>"))
        .replace("article class=", f"{wrapper} class=")
        .replace("</article>", f"</{wrapper}>")
    )
    text = articles.parse_html(html).text
    assert lines(text) == PARAGRAPHS
    assert "bakery" not in text


def test_a_block_of_the_same_kind_with_a_headline_of_its_own_is_another_story():
    next_story = block(
        "<h1>Island bakery wins regional prize</h1>\n",
        ps(
            [
                "A bakery on the island has won the regional bread prize for the third year running, "
                "the judges announced at the harvest fair on Saturday afternoon."
            ]
        ),
    )
    html = HEAD + block(ps(PARAGRAPHS[:5])) + AD_ROW + block(ps(PARAGRAPHS[5:])) + AD_ROW + next_story + TAIL
    text = articles.parse_html(html).text
    assert lines(text) == PARAGRAPHS
    assert "bakery" not in text
