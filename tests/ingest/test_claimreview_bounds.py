"""ClaimReview input built to blow up the reader: nesting thousands of levels deep (in a DataFeed,
in one line of JSON lines, in a page's script, in a polled feed), script tags that made the old
pattern backtrack, and JSON lines whose first line is longer than the sniffed head. Each is refused
as one record with its reason; the records around it are kept and nothing already stored changes."""

import io
import json
import tracemalloc

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from claims.ingest import claimreview
from claims.models import ExternalReview, Feed
from tests.ingest.test_claimreview_import import data_feed, read, review_doc, reviews
from tests.servers import Route

DEEP = f"nested deeper than {claimreview.MAX_DEPTH} levels"


def nested_arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


def nested_objects(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def depth_of(value) -> int:
    """How deep arrays and objects nest in a value, by walking it (the scanner's reference)."""
    if isinstance(value, list):
        return 1 + max(map(depth_of, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth_of, value.values()), default=0)
    return 0


def import_file(tmp_path, data: bytes, capsys) -> str:
    path = tmp_path / "reviews.json"
    path.write_bytes(data)
    call_command("import_claimreview", str(path), "--no-link")
    return capsys.readouterr().out


@pytest.fixture
def stored(db) -> ExternalReview:
    """A review imported before: no input below may change it."""
    result = claimreview.import_reviews(claimreview.from_json_lines([json.dumps(review_doc(99)).encode()]))
    return ExternalReview.objects.get(pk=result.review_ids[0])


def unchanged(review: ExternalReview) -> bool:
    fresh = ExternalReview.objects.get(pk=review.pk)
    return (fresh.claim_reviewed, fresh.document, fresh.updated_at) == (
        review.claim_reviewed,
        review.document,
        review.updated_at,
    )


# --- Nesting ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_data_feed_with_an_element_nested_5000_deep_keeps_the_others(tmp_path, capsys, stored):
    deep = json.dumps(review_doc(2, itemReviewed="X")).replace('"X"', nested_arrays(5000))
    text = json.dumps(data_feed(review_doc(1), "DEEP", review_doc(3))).replace('"DEEP"', deep)
    out = import_file(tmp_path, text.encode(), capsys)
    assert "2 new, 0 updated, 0 unchanged, 1 skipped" in out
    assert f"skipped record 2: {DEEP}" in out
    assert set(ExternalReview.objects.values_list("url", flat=True)) == {
        "https://checkers.example/reviews/1",
        "https://checkers.example/reviews/3",
        stored.url,
    }
    assert unchanged(stored)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("deep", "where"),
    [
        (nested_objects(5000), "the document"),
        (nested_arrays(5000), "record 1"),
    ],  # an array's elements are records
)
def test_a_document_nested_5000_deep_is_one_refused_record(tmp_path, capsys, stored, deep, where):
    out = import_file(tmp_path, deep.encode(), capsys)
    assert f"skipped {where}: {DEEP}" in out
    assert "0 new, 0 updated, 0 unchanged, 1 skipped" in out
    assert ExternalReview.objects.count() == 1 and unchanged(stored)


def test_deep_nesting_beside_a_data_feeds_elements_refuses_the_document_not_them():
    doc = json.loads(json.dumps(data_feed(review_doc(1), review_doc(2))))
    text = json.dumps({**doc, "junk": "X"}).replace('"X"', nested_objects(5000))
    found = read(text.encode())
    assert [(w, str(r)) for w, r in found if isinstance(r, claimreview.BadRecord)] == [("the document", DEEP)]
    assert [r.url.rsplit("/", 1)[1] for _, r in found if isinstance(r, claimreview.Review)] == ["1", "2"]


def test_a_document_cut_off_inside_a_deep_element_says_so():
    text = json.dumps(data_feed(review_doc(1), "X")).replace('"X"', "[" * 5000)[: -len("]}")]
    found = read(text.encode())
    assert [(w, str(r)) for w, r in found if isinstance(r, claimreview.BadRecord)] == [
        ("after record 2", "the document is not valid JSON: parse error: premature EOF")
    ]
    assert [r.url for _, r in found if isinstance(r, claimreview.Review)] == [
        "https://checkers.example/reviews/1"
    ]


@pytest.mark.django_db
def test_json_lines_with_one_deep_line_keep_the_lines_before_and_after_it(tmp_path, capsys, stored):
    deep_line = json.dumps(review_doc(2, itemReviewed="X")).replace('"X"', nested_arrays(5000))
    lines = [json.dumps(review_doc(1)), deep_line, json.dumps(review_doc(3))]
    out = import_file(tmp_path, ("\n".join(lines) + "\n").encode(), capsys)
    assert "2 new, 0 updated, 0 unchanged, 1 skipped" in out
    assert f"skipped line 2: {DEEP}" in out
    assert ExternalReview.objects.count() == 3 and unchanged(stored)


def test_a_page_with_one_deep_script_keeps_the_others():
    page = (
        "<html><head>"
        f'<script type="application/ld+json">{json.dumps(review_doc(1))}</script>'
        f'<script type="application/ld+json">{nested_arrays(5000)}</script>'
        f'<script type="application/ld+json">{json.dumps(review_doc(3))}</script>'
        "</head><body>ClaimReview</body></html>"
    ).encode()
    found = read(page)
    assert [(w, str(r)) for w, r in found if isinstance(r, claimreview.BadRecord)] == [("script 2", DEEP)]
    assert [r.url for _, r in found if isinstance(r, claimreview.Review)] == [
        "https://checkers.example/reviews/1",
        "https://checkers.example/reviews/3",
    ]


def test_at_the_limit_a_review_is_read_one_level_deeper_it_is_refused():
    def with_depth(depth: int) -> bytes:  # the review object is the first level
        return json.dumps(review_doc(1, about="X")).replace('"X"', nested_arrays(depth - 1)).encode()

    for after in (b"", b"\n" + json.dumps(review_doc(2)).encode()):  # a document, JSON lines
        found = reviews(with_depth(claimreview.MAX_DEPTH) + after)
        assert found[0].url == "https://checkers.example/reviews/1"
        first = read(with_depth(claimreview.MAX_DEPTH + 1) + after)[0]
        assert str(first[1]) == DEEP


def test_memory_stays_flat_however_deep_the_document():
    """Quadratic before: every nesting level kept the path to it (ijson's prefixes, "a.a.a…"), so
    20,000 levels held about a gigabyte."""
    data = nested_objects(20_000).encode()
    tracemalloc.start()
    try:
        [(where, result)] = read(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert (where, str(result)) == ("the document", DEEP)


@pytest.mark.django_db
def test_a_claimreview_feed_nested_deep_fails_with_the_reason(http_server, stored):
    from claims.ingest import feeds

    server = http_server({"/reviews.json": Route(200, nested_objects(30_000).encode(), "application/json")})
    feed = Feed.objects.create(url=f"{server.base}/reviews.json", kind=Feed.Kind.CLAIMREVIEW)
    result = feeds.poll_feed(feed.pk)
    assert not result.ok
    feed.refresh_from_db()
    assert feed.last_error == f"None of its 1 records is a usable ClaimReview: the document: {DEEP}"
    assert feed.consecutive_errors == 1 and ExternalReview.objects.count() == 1 and unchanged(stored)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\:,ab \n\u00e9', max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet='[]{}"\\ab', max_size=4), inner, max_size=3)
    ),
    max_leaves=30,
)


@given(json_values, st.sampled_from([None, 0, 2]), st.booleans(), st.integers(min_value=0, max_value=8))
def test_the_depth_scan_agrees_with_the_parsed_value(value, indent, ascii_only, limit):
    data = json.dumps(value, indent=indent, ensure_ascii=ascii_only).encode()
    assert json.loads(data) == value
    assert claimreview.nesting_depth(data, limit=1000) == depth_of(value)
    assert claimreview.nesting_depth(data, limit=limit) == min(depth_of(value), limit + 1)


@given(st.integers(min_value=0, max_value=300), st.sampled_from(["arrays", "objects"]))
def test_the_depth_scan_counts_deep_nesting(depth, kind):
    data = (nested_arrays(depth) if kind == "arrays" else nested_objects(depth)).encode()
    assert claimreview.nesting_depth(data, limit=1000) == depth
    assert claimreview.nesting_depth(data, limit=100) == min(depth, 101)


def test_brackets_inside_strings_are_not_nesting():
    assert claimreview.nesting_depth(b'["[[[[", "\\"[[[", {"{{": "]]]]"}]') == 2
    assert claimreview.nesting_depth(b'"an unterminated string [[[[') == 0


# --- Scripts in a page -------------------------------------------------------------------------
def page_with(*parts: str) -> bytes:
    return (
        "<!doctype html><html><head>" + "".join(parts) + "</head><body>ClaimReview</body></html>"
    ).encode()


def ld(doc) -> str:
    return f'<script type="application/ld+json">{json.dumps(doc)}</script>'


def test_26_kb_of_unfinished_script_tags_then_a_review():
    """26 KB of `<script type=application/ld+json ` took the old pattern 16.9 s (bench/claimreview_inputs.py
    times it). The tag they open runs, as in a browser, to the first ">": the review's own tag's."""
    [found] = reviews(page_with("<script type=application/ld+json " * 800 + ld(review_doc(1))))
    assert found.url == "https://checkers.example/reviews/1"


def test_a_megabyte_of_unclosed_scripts_after_a_review():
    page = page_with(ld(review_doc(1))) + b"<script type=application/ld+json>" * 30_000
    found = read(page)
    assert [r.url for _, r in found if isinstance(r, claimreview.Review)] == [
        "https://checkers.example/reviews/1"
    ]
    # The unclosed script runs to the end of the page, as in a browser: not JSON, said so.
    [(where, bad)] = [(w, r) for w, r in found if isinstance(r, claimreview.BadRecord)]
    assert where == "script 2" and str(bad).startswith("its JSON-LD is not JSON (")


def test_script_tags_are_read_as_a_browser_reads_them():
    page = page_with(
        # A quoted ">" in an attribute does not end the tag.
        f'<script data-note="a > b" type="application/ld+json">{json.dumps(review_doc(1))}</script>',
        # Upper case, unquoted, with parameters.
        f"<SCRIPT TYPE=application/LD+JSON;charset=utf-8>{json.dumps(review_doc(2))}</SCRIPT >",
        # Not JSON-LD: another attribute that ends in "type", a type inside another value.
        f'<script data-type="application/ld+json">{json.dumps(review_doc(3))}</script>',
        f'<script src="x.js?type=application/ld+json">{json.dumps(review_doc(4))}</script>',
        # A commented-out script, and a script tag written inside a script's text.
        f"<!-- {ld(review_doc(5))} -->",
        "<script>var s = '<script type=\"application/ld+json\">{}';</script>",
        ld(review_doc(6)),
    )
    assert [r.url.rsplit("/", 1)[1] for r in reviews(page)] == ["1", "2", "6"]


fragments = st.lists(
    st.sampled_from(["review", "comment", "other", "text", "div"]) | st.integers(min_value=1, max_value=9),
    max_size=12,
)


@given(fragments)
def test_the_scripts_of_any_page_built_from_fragments(parts):
    """Pages of JSON-LD scripts among comments, other scripts, stray brackets and quotes: exactly
    the JSON-LD scripts outside comments are read, in order."""
    html, expected = [], []
    for n, part in enumerate(parts):
        if part == "review":
            html.append(ld(review_doc(n)))
            expected.append(f"https://checkers.example/reviews/{n}")
        elif part == "comment":
            html.append(f"<!-- a {ld(review_doc(n))} -->")
        elif part == "other":
            html.append(
                '<script>if (a < b && c > \'"\') { x = "<script type=application/ld+json>" }</script>'
            )
        elif part == "text":
            html.append("<p>1 < 2 > 0 \"quoted' <scripture> </p>")
        elif part == "div":
            html.append(f'<div class=\'a"b\' title="x > y">{"<b>" * 300}</div>')
        else:
            html.append("<" * part + "script" + " " * part)
            html.append(">")  # closes the stray "<script": a script with no type, ended below
            html.append("</script>")
    assert [r.url for r in reviews(page_with(*html))] == expected


# --- JSON lines with a long first line ---------------------------------------------------------
def test_json_lines_whose_first_line_is_longer_than_the_sniffed_head():
    first = review_doc(1, reviewBody="a long review " * 1000)  # about 14 KB
    lines = [json.dumps(first), json.dumps(review_doc(2)), json.dumps(review_doc(3))]
    assert len(lines[0]) > 10_000
    for end in ("\n", "\r\n"):
        data = end.join(lines).encode()
        assert [r.url.rsplit("/", 1)[1] for r in reviews(data)] == ["1", "2", "3"]


def test_a_long_single_line_document_is_still_one_document():
    doc = data_feed(*(review_doc(n, reviewBody="x" * 3000) for n in range(1, 4)))
    for data in (json.dumps(doc).encode(), json.dumps(doc).encode() + b"\n\n"):
        assert [r.url.rsplit("/", 1)[1] for r in reviews(data)] == ["1", "2", "3"]


def test_the_kind_is_told_reading_a_chunk_at_a_time():
    lines = b'{"a": 1}  \r\n\n   \n  {"b": 2}\n'
    for chunk in (1, 2, 3, 5, 4096):
        assert claimreview.sniff(io.BytesIO(lines), chunk=chunk) == "lines"
        assert claimreview.sniff(io.BytesIO(b"\xef\xbb\xbf  \n <html>"), chunk=chunk) == "html"
        assert claimreview.sniff(io.BytesIO(b'{"a": 1}\n  '), chunk=chunk) == "json"
        assert claimreview.sniff(io.BytesIO(b'{\n  "a": {"b": 1}\n}'), chunk=chunk) == "json"
        assert claimreview.sniff(io.BytesIO(b""), chunk=chunk) == "empty"
        assert claimreview.sniff(io.BytesIO(b"\xef\xbb\xbf \r\n"), chunk=chunk) == "empty"


# --- A review too large to keep ----------------------------------------------------------------
@pytest.mark.django_db
def test_a_review_larger_than_the_limit_is_refused_with_its_size(tmp_path, capsys, settings, stored):
    settings.CLAIMS_EXTERNAL_REVIEW_MAX_BYTES = 20_000
    big = review_doc(2, reviewBody="word " * 5000)
    size = len(json.dumps(big, ensure_ascii=False, separators=(",", ":")).encode())
    lines = "\n".join(json.dumps(d) for d in (review_doc(1), big, review_doc(3))).encode()
    out = import_file(tmp_path, lines, capsys)
    assert "2 new, 0 updated, 0 unchanged, 1 skipped" in out
    assert (
        f"skipped line 2: the review is {size:,} bytes of JSON, over the 20,000 kept "
        "(CLAIMS_EXTERNAL_REVIEW_MAX_BYTES)" in out
    )
    feed = json.dumps(data_feed(review_doc(1), big, review_doc(3))).encode()
    out = import_file(tmp_path, feed, capsys)
    assert "0 new, 0 updated, 2 unchanged, 1 skipped" in out
    assert "skipped record 2: the review is over the 20,000 bytes of JSON kept" in out
    assert ExternalReview.objects.count() == 3 and unchanged(stored)


@pytest.mark.django_db
def test_a_streamed_element_far_over_the_limit_is_not_built_whole(settings):
    settings.CLAIMS_EXTERNAL_REVIEW_MAX_BYTES = 20_000
    huge = review_doc(2, reviewBody=["word " * 1000] * 2000)  # 10 MB
    data = json.dumps(data_feed(review_doc(1), huge, review_doc(3))).encode()
    tracemalloc.start()
    try:
        found = read(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024  # the input is 10 MB: never built whole
    [(where, bad)] = [(w, r) for w, r in found if isinstance(r, claimreview.BadRecord)]
    assert where == "record 2" and str(bad).startswith("the review is over the 20,000 bytes of JSON kept")
    assert len([r for _, r in found if isinstance(r, claimreview.Review)]) == 2


@pytest.mark.django_db
def test_characters_no_database_text_may_hold_refuse_their_review_alone(tmp_path, capsys, stored):
    """A NUL (PostgreSQL's text and jsonb refuse it) or a lone surrogate (no UTF-8 holds it) once
    failed the whole batch of 1,000 reviews around it."""
    docs = [
        review_doc(1),
        review_doc(2, claimReviewed="The toll rose\u0000"),
        review_doc(3, about={"name": "\ud800"}),
        review_doc(4, about="a backslash and u0000 is text: \\u0000"),
    ]
    out = import_file(tmp_path, "\n".join(json.dumps(d) for d in docs).encode(), capsys)
    assert "2 new, 0 updated, 0 unchanged, 2 skipped" in out
    assert "skipped line 2: it holds a NUL character (\\u0000), which no text in the database may hold" in out
    assert "skipped line 3: it holds a lone surrogate (\\ud800 to \\udfff), which no text may hold" in out
    assert ExternalReview.objects.count() == 3 and unchanged(stored)
