"""The public pages: what they show, and that nothing unpublished ever appears on them."""

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from claims.models import Claim, Rating
from tests.factories import AppearanceFactory, ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

# Google's ClaimReview structured data: required fields, and those it recommends.
REQUIRED = {"claimReviewed", "reviewRating", "url"}
RECOMMENDED = {"author", "datePublished", "itemReviewed"}


class JsonLd(HTMLParser):
    """Collects the contents of every <script type="application/ld+json"> element."""

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def json_ld(html: str) -> list[dict]:
    parser = JsonLd()
    parser.feed(html)
    return [json.loads(block) for block in parser.blocks]


def public_pages(record) -> list[str]:
    return [
        "/",
        f"/claims/{record['published'].pk}/",
        f"/speakers/{record['speaker'].pk}/",
        f"/sources/{record['source'].pk}/",
        "/search/?q=words",
        "/search/?speaker=Ada",
        "/search/?q=draft",
    ]


def test_every_page_shows_the_published_claim_and_no_draft(client, record):
    for path in public_pages(record)[:5]:
        html = client.get(path).content.decode()
        if path != "/search/?q=words":  # the published claim has no word "words"
            assert record["published"].text in html, path
        for draft in [*record["drafts"], record["hidden_claim"]]:
            assert draft.text not in html, (path, draft.state)
            assert f"/claims/{draft.pk}/" not in html, path
        assert "Hidden Person" not in html and f"/speakers/{record['hidden_speaker'].pk}/" not in html


def test_drafts_and_what_only_drafts_mention_are_not_found(client, record):
    for draft in record["drafts"]:
        assert client.get(f"/claims/{draft.pk}/").status_code == 404, draft.state
    assert client.get(f"/speakers/{record['hidden_speaker'].pk}/").status_code == 404
    assert client.get(f"/sources/{record['hidden_source'].pk}/").status_code == 404
    assert client.get("/claims/999999/").status_code == 404


def test_search_finds_no_draft(client, record):
    html = client.get("/search/?q=draft").content.decode()
    assert "No published claim matches." in html
    html = client.get("/search/?q=harbour").content.decode()
    assert record["published"].text in html


def test_claim_page_shows_verdict_speaker_role_and_sources(client, record):
    claim = record["published"]
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Ada Quill" in html and "minister" in html
    assert "Tolls fall by a quarter, not a third." in html
    assert claim.verdict.label in html
    assert f'href="/sources/{record["source"].pk}/"' in html
    assert f'href="/speakers/{record["speaker"].pk}/"' in html


def test_claim_page_embeds_claim_review_with_googles_fields(client, record, settings):
    settings.CLAIMS_PUBLIC_BASE_URL = "https://checks.example"
    claim = record["published"]
    [data] = json_ld(client.get(f"/claims/{claim.pk}/").content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    assert set(data) >= REQUIRED | RECOMMENDED
    assert data["claimReviewed"] == claim.text
    assert data["url"] == f"https://checks.example/claims/{claim.pk}/"
    rating = data["reviewRating"]
    scale = list(Rating.objects.order_by("value").values_list("value", flat=True))
    assert rating["ratingValue"] == claim.verdict.value and rating["alternateName"] == claim.verdict.label
    assert (rating["worstRating"], rating["bestRating"]) == (scale[0], scale[-1])
    assert data["author"]["name"] and data["datePublished"]
    item = data["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] == "Ada Quill"
    assert item["author"]["jobTitle"] == "minister"
    assert item["firstAppearance"]["headline"] == "Budget day"


def test_claim_without_a_verdict_has_no_claim_review(client, record):
    claim = record["published"]
    Claim.objects.filter(pk=claim.pk).update(verdict=None)
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert json_ld(html) == [] and "Not rated." in html


def test_json_ld_cannot_be_broken_out_of(client, record):
    hostile = '"</script><script>window.pwned = 1</script><!-- & more",'
    claim = record["published"]
    Claim.objects.filter(pk=claim.pk).update(text=hostile)
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "<script>window.pwned" not in html
    [data] = json_ld(html)
    assert data["claimReviewed"] == hostile


def test_article_content_is_shown_as_text_never_as_html(client, db):
    text = (
        'Intro <script>window.pwned = 1</script> <img src=x onerror="window.pwned = 2">\n\n'
        '"Markup <b>stays</b> text," Bo Hale said.'
    )
    source = SourceFactory(title="<i>Title</i> <script>alert(1)</script>", text=text, content_hash="x" * 64)
    quote = "Markup <b>stays</b> text,"
    claim = ClaimFactory(text=quote, state=Claim.State.PUBLISHED, published_at=timezone.now())
    start = text.index(quote)
    AppearanceFactory(claim=claim, source=source, text=quote, start=start, end=start + len(quote))
    for path in (f"/sources/{source.pk}/", f"/claims/{claim.pk}/", "/", "/search/?q=markup"):
        html = client.get(path).content.decode()
        assert "<script>window.pwned" not in html and "<script>alert" not in html, path
        assert "<img" not in html and "<b>stays" not in html, path
    html = client.get(f"/sources/{source.pk}/").content.decode()
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "Markup &lt;b&gt;stays&lt;/b&gt; text," in html


def test_source_page_highlights_only_published_claims(client, record):
    html = client.get(f"/sources/{record['source'].pk}/").content.decode()
    marks = re.findall(r'<mark id="claim-(\d+)"><a href="[^"]+">([^<]*)</a></mark>', html)
    assert marks == [(str(record["published"].pk), record["published"].text)]
    assert "Draft words nobody may see yet," in html  # the article's text itself is shown in full


def test_speaker_page_charts_each_month_and_verdict(client, record):
    speaker = record["speaker"]
    months_back = 3
    old = ClaimFactory(
        speaker=speaker, state=Claim.State.PUBLISHED, published_at=timezone.now(), verdict=None
    )
    first_seen = timezone.now().replace(day=1) - timezone.timedelta(days=31 * months_back)
    Claim.objects.filter(pk=old.pk).update(first_seen=first_seen)
    html = client.get(f"/speakers/{speaker.pk}/").content.decode()
    timeline = html.split('id="timeline-title"')[1].split("</svg>")[0]
    verdicts = html.split('id="verdicts-title"')[1].split("</svg>")[0]
    # One bar per month from the older claim's month to this month, the empty ones included.
    now, then = timezone.localtime(), timezone.localtime(first_seen)
    months = (now.year - then.year) * 12 + now.month - then.month + 1
    assert timeline.count("<rect") == months
    assert verdicts.count("<rect") == Rating.objects.count() + 1  # the scale, then "Not rated"
    assert "Not rated: 1" in verdicts and f"{record['published'].verdict.label}: 1" in verdicts
    assert "2 published claims" in html


def test_search_filters(client, db):
    ada, bo = SpeakerFactory(name="Ada Quill"), SpeakerFactory(name="Bo Hale")
    false, true = Rating.objects.get(value=1), Rating.objects.get(value=5)
    now = timezone.now()
    rows = [
        ("Harbour tolls will fall,", ada, false, "2024-03-10"),
        ("Harbour fees rose last year,", bo, true, "2024-06-01"),
        ("Rail fares are frozen,", ada, true, "2024-06-02"),
    ]
    for n, (text, speaker, verdict, day) in enumerate(rows):
        claim = ClaimFactory(text=text, speaker=speaker, verdict=verdict, state="published", published_at=now)
        # "Said from / until" reads when it was said, else its source's date; never first_seen,
        # which is set to another day here to show it.
        if n == 2:
            AppearanceFactory(claim=claim, said_on=None, source__published_on=dt.date.fromisoformat(day))
        else:
            AppearanceFactory(claim=claim, said_on=dt.date.fromisoformat(day))
        Claim.objects.filter(pk=claim.pk).update(first_seen="2020-01-01T12:00:00Z")

    def found(query: str) -> set[str]:
        html = client.get(f"/search/?{query}").content.decode()
        return {text for text, *_ in rows if text in html}

    assert found("q=harbour") == {rows[0][0], rows[1][0]}
    assert found("q=harbour&speaker=ada") == {rows[0][0]}
    assert found(f"verdict={true.value}") == {rows[1][0], rows[2][0]}
    assert found("since=2024-06-01&until=2024-06-01") == {rows[1][0]}
    assert found("since=2024-06-02") == {rows[2][0]}


def test_search_pages_without_counting(client, db):
    now = timezone.now()
    for i in range(25):
        ClaimFactory(
            text=f"Tolls item {i:02},", state="published", published_at=now - timezone.timedelta(minutes=i)
        )
    first = client.get("/search/?q=tolls").content.decode()
    assert 'rel="next" href="?q=tolls&amp;page=2"' in first
    second = client.get("/search/?q=tolls&page=2").content.decode()
    assert 'rel="next"' not in second
    # Ranked by relevance: every match once, 20 on the first page and the other 5 on the second.
    on_first = {i for i in range(25) if f"Tolls item {i:02}," in first}
    on_second = {i for i in range(25) if f"Tolls item {i:02}," in second}
    assert len(on_first) == 20 and len(on_second) == 5 and on_first | on_second == set(range(25))


def test_bad_search_input_is_a_readable_400(client, db):
    response = client.get("/search/?since=yesterday&page=9999")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid date." in html


@pytest.mark.parametrize(
    "query",
    [{"q": "tolls\x00"}, {"speaker": "\x00"}, {"q": "tolls", "ver\x00dict": "1"}, {"page": "9" * 30}],
)
def test_a_nul_or_a_huge_number_in_the_search_is_a_readable_400(client, db, query):
    response = client.get("/search/", query)
    assert response.status_code == 400
    text = response.content.decode()
    assert "NUL character" in text or "no further than page 50" in text


def test_pages_are_cacheable_and_answer_conditional_gets(client, record):
    for path in public_pages(record):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
        etag = response["ETag"]
        again = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, path
    record["published"].verdict_explanation = "Changed."
    record["published"].save()
    path = f"/claims/{record['published'].pk}/"
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_pages_do_not_write_or_accept_posts(client, record):
    assert client.post("/").status_code == 405
    assert client.post(f"/claims/{record['published'].pk}/").status_code == 405


@pytest.mark.parametrize("page", ["home", "claim", "speaker", "source", "search"])
def test_queries_per_page_do_not_grow_with_the_data(client, django_assert_max_num_queries, page):
    speaker = SpeakerFactory(name="Ada Quill")
    source = SourceFactory()
    now = timezone.now()
    claims = []
    for i in range(30):
        claim = ClaimFactory(
            text=f"Harbour statement {i},",
            speaker=speaker if i % 2 else SpeakerFactory(),
            state="published",
            published_at=now,
            verdict=Rating.objects.get(value=1 + i % 5),
        )
        AppearanceFactory(claim=claim, source=source, start=i * 40, end=i * 40 + 30)
        AppearanceFactory(claim=claim)
        claims.append(claim)
    path = {
        "home": "/",
        "claim": f"/claims/{claims[1].pk}/",
        "speaker": f"/speakers/{speaker.pk}/",
        "source": f"/sources/{source.pk}/",
        "search": "/search/?q=harbour&speaker=ada&verdict=2",
    }[page]
    with django_assert_max_num_queries(6):
        assert client.get(path).status_code == 200


def test_a_search_whose_range_ends_before_it_starts_is_a_400_naming_the_range(client, db):
    response = client.get("/search/?since=2027-01-01&until=2020-01-01")
    assert response.status_code == 400
    html = response.content.decode()
    assert "“Said until” (2020-01-01) is before “Said from” (2027-01-01)" in html
    assert client.get("/search/?since=2020-01-01&until=2020-01-01").status_code == 200
