from datetime import date

import pytest

from claims.identity.names import name_key
from claims.ingest import articles, decoding
from claims.ingest.errors import UnusableInput
from claims.store import incoming
from tests.articles import CYRILLIC_ARTICLE, DEMO, LATIN1_ARTICLE, NO_ARTICLE_HTML, PLAIN_ARTICLE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n...", "PDF"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_unusable_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(UnusableInput, match=reason):
        decoding.decode(data)


def test_cp1251_is_read_as_cyrillic():
    assert decoding.decode(CYRILLIC_ARTICLE.encode("cp1251")) == CYRILLIC_ARTICLE


def test_latin1_is_read_as_latin1():
    assert decoding.decode(LATIN1_ARTICLE.encode("latin-1")) == LATIN1_ARTICLE


def test_utf8_and_bom():
    assert decoding.decode(CYRILLIC_ARTICLE.encode("utf-8")) == CYRILLIC_ARTICLE
    assert decoding.decode(b"\xef\xbb\xbf" + "Café".encode()) == "Café"
    assert decoding.decode("Café society".encode("utf-16")) == "Café society"


def test_plain_text_header_and_credit_line_become_metadata():
    article = articles.parse_text(PLAIN_ARTICLE)
    assert article.published == date(2022, 1, 11)
    assert article.publisher == "Riverton Gazette Ltd"
    assert article.title == "Mayor pledges new bridge for Riverton"
    assert "date 2022" not in article.text and "(Riverton" not in article.text
    assert article.text.startswith("Mayor pledges")


def test_html_article_text_and_metadata():
    html = (DEMO / "clinic-opening.html").read_text()
    article = articles.parse(html)
    assert article.raw_format == "html"
    assert article.title == "New rural clinic opens in Westbrook"
    assert article.published == date(2024, 6, 4)
    assert article.publisher == "Riverside Herald"
    assert article.authors == ["Priya Natarajan"]
    assert "That choice ends today." in article.text
    assert "Copyright" not in article.text and "Home" not in article.text


def test_html_without_an_article_is_refused():
    with pytest.raises(UnusableInput, match="No article text"):
        articles.parse(NO_ARTICLE_HTML)


def test_content_hash_ignores_white_space():
    assert incoming.content_hash("A  b\n\nc") == incoming.content_hash("A b c")
    assert incoming.content_hash("A b c") != incoming.content_hash("A b d")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mr. Vladimír  Putin", "vladimir putin"),
        ("The White House", "white house"),
        ("Sen. Ted Cruz", "Ted Cruz"),
    ],
)
def test_name_key_equates_variants(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_people_apart():
    assert name_key("Hillary Clinton") != name_key("Bill Clinton")


# --- feeds -------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from lxml import etree  # noqa: E402

from claims.ingest import feedparsing  # noqa: E402


def test_entities_are_never_expanded():
    doc = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&x;</title><item><title>&x;</title><link>/a</link></item></channel></rss>"""
    parsed = feedparsing.parse(doc, base_url="https://news.example/feed")
    assert [item.url for item in parsed.items] == ["https://news.example/a"]
    assert "root" not in parsed.title and "root" not in parsed.items[0].title


links = st.lists(st.from_regex(r"/([a-z0-9_-][a-z0-9/_-]{0,20})?", fullmatch=True), max_size=20)


@given(links, st.sampled_from(["rss", "atom", "json"]))
def test_every_item_link_comes_back_once_absolute(paths, kind):
    def escape(text):
        return text.replace("&", "&amp;")

    if kind == "rss":
        items = "".join(f"<item><link>{escape(p)}</link></item>" for p in paths)
        doc = f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()
    elif kind == "atom":
        items = "".join(f'<entry><link href="{escape(p)}"/></entry>' for p in paths)
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>'.encode()
    else:
        import json

        doc = json.dumps(
            {"version": "https://jsonfeed.org/version/1.1", "items": [{"url": p} for p in paths]}
        ).encode()
    parsed = feedparsing.parse(doc, base_url="https://news.example/feed")
    expected = list(dict.fromkeys(f"https://news.example{p}" for p in paths))
    assert [item.url for item in parsed.items] == expected


@given(st.binary(max_size=300))
def test_any_bytes_give_a_feed_or_a_feed_error(data):
    try:
        parsed = feedparsing.parse(data, base_url="https://news.example/feed")
    except feedparsing.FeedError as exc:
        assert str(exc).endswith((".", ")")) and len(str(exc)) > 10
    else:
        assert all(item.url.startswith(("http://", "https://")) for item in parsed.items)


def test_a_feed_in_another_encoding_than_it_declares_is_read():
    doc = '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Café news</title><item><link>/a</link></item></channel></rss>'
    parsed = feedparsing.parse(doc.encode("latin-1"), base_url="https://news.example/")
    assert parsed.title == "Café news" and len(parsed.items) == 1
    assert isinstance(etree.XMLSyntaxError, type)


@given(st.text(max_size=200))
def test_control_characters_are_removed_exactly_as_unicode_classifies_them(text):
    import unicodedata

    from claims.ingest.articles import _CONTROL

    expected = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    assert _CONTROL.sub("", text) == expected


def test_a_date_header_sharing_its_line_with_the_first_sentence_is_read_and_left_out():
    article = articles.parse_text(
        " date 2022-01-11 The harbour board will not end its ban on night fishing, its chairman said.\n\n"
        "Bo Hale said the ban would stay until the spring, and that the board would meet again in May."
    )
    assert article.published == date(2022, 1, 11)
    assert article.text.startswith("The harbour board will not end its ban")
    assert "2022-01-11" not in article.text and "date" not in article.text.split()[0]


def test_a_credit_closing_the_last_paragraph_is_read_and_left_out():
    article = articles.parse_text(
        "Harbour ban stays\n\nBo Hale said the ban would stay until the spring, and that the board would "
        "meet again in May, the board said. (Port Ellen Gazette Ltd 2022)\n"
    )
    assert article.publisher == "Port Ellen Gazette Ltd"
    assert article.text.endswith("the board said.")
    # A year in parentheses inside the prose is not a credit.
    kept = articles.parse_text(
        "Bridge too small\n\nThe mayor said the bridge, opened to traffic in the spring of the year "
        "the council voted for it, was too small for the traffic it carries (built in 1998)"
    )
    assert kept.publisher == "" and kept.text.endswith("(built in 1998)")
