"""ClaimReview as real publishers and real clients write it, in records written for the project:
the Fact Check Tools API's own response shape, a page whose author is a journalist and whose
publisher is the organisation, addresses written without a scheme or relative to the page,
languages said only by the page, HTML character references, "no numeric rating" (-1), and files
that repeat an address within a batch and across batches."""

import io
import json

import pytest
from django.core.management import call_command

from claims.ingest import claimreview
from claims.models import ExternalReview


def read(data: bytes, url: str = "") -> list:
    return list(claimreview.records(lambda: io.BytesIO(data), url=url))


def reviews(data: bytes, url: str = "") -> list[claimreview.Review]:
    return [r for _, r in read(data, url) if isinstance(r, claimreview.Review)]


def fact_check_claim(n: int, *, publishers=("Lantern Check",), text: str | None = None) -> dict:
    """A claim as Google's Fact Check Tools API answers `claims:search`."""
    return {
        "text": text or f"The ferry timetable was cut by {n} sailings a week",
        "claimant": "Ravi Doyle",
        "claimDate": "2026-10-02T00:00:00Z",
        "claimReview": [
            {
                "publisher": {"name": name, "site": f"{name.split()[0].lower()}.example"},
                "url": f"https://{name.split()[0].lower()}.example/checks/{n}",
                "title": f"Were {n} ferry sailings cut?",
                "reviewDate": "2026-10-05T09:30:00Z",
                "textualRating": "Misleading",
                "languageCode": "en",
            }
            for name in publishers
        ],
    }


def page(*scripts: dict, lang: str = "", canonical: str = "") -> bytes:
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f'<script type="application/ld+json">{json.dumps(s)}</script>' for s in scripts)
    opening = f'<html lang="{lang}">' if lang else "<html>"
    return (
        f"<!doctype html>{opening}<head><title>Check</title>{head}{body}</head><body></body></html>".encode()
    )


def page_review(url, **extra) -> dict:
    doc = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": "The ferry timetable lost twelve sailings a week",
        "datePublished": "2026-10-06",
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ravi Doyle"}},
    }
    doc.update(extra)
    return doc


# --- 1. The Fact Check API's own shape ----------------------------------------------------------
def test_a_fact_check_api_response_is_read_one_review_each():
    response = {
        "claims": [
            fact_check_claim(1),
            fact_check_claim(2, publishers=("Lantern Check", "Harbour Checkers")),
        ],
        "nextPageToken": "CAo",
    }
    found = reviews(json.dumps(response).encode())
    assert [r.url for r in found] == [
        "https://lantern.example/checks/1",
        "https://lantern.example/checks/2",
        "https://harbour.example/checks/2",
    ]
    first = found[0]
    assert (first.claim_reviewed, first.claim_author, first.publisher, first.publisher_url) == (
        "The ferry timetable was cut by 1 sailings a week",
        "Ravi Doyle",
        "Lantern Check",
        "https://lantern.example/",
    )
    assert (first.headline, first.rating_text, first.language) == (
        "Were 1 ferry sailings cut?",
        "Misleading",
        "en",
    )
    assert (first.claim_date.isoformat(), first.published_on.isoformat()) == ("2026-10-02", "2026-10-05")
    assert first.rating_value is None  # the API gives the rating in words only
    assert first.document["@type"] == "ClaimReview"


def test_fact_check_api_claims_as_json_lines_one_claim_or_one_response_a_line():
    lines = [
        json.dumps(fact_check_claim(1)),
        json.dumps({"claims": [fact_check_claim(2), fact_check_claim(3)]}),
        json.dumps({"claims": [{"text": "No review here", "claimReview": []}]}),
    ]
    found = read("\n".join(lines).encode())
    assert [r.url for _, r in found if isinstance(r, claimreview.Review)] == [
        "https://lantern.example/checks/1",
        "https://lantern.example/checks/2",
        "https://lantern.example/checks/3",
    ]
    assert [(w, str(r)) for w, r in found if isinstance(r, claimreview.BadRecord)] == [
        ("line 3", "no ClaimReview in it")
    ]


@pytest.mark.django_db
def test_the_import_command_reads_a_fact_check_api_file(tmp_path, capsys):
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"claims": [fact_check_claim(n) for n in range(1, 6)]}))
    call_command("import_claimreview", str(path), "--no-link")
    assert "Imported 5 records" in capsys.readouterr().out
    assert ExternalReview.objects.filter(publisher="Lantern Check", rating_text="Misleading").count() == 5


# --- 2. The publisher is the organisation; the author is kept as the review's author ----------
def test_the_publisher_comes_before_the_author(client, db):
    doc = page_review(
        "https://lantern.example/checks/ferry",
        author={"@type": "Person", "name": "Meera Joshi", "url": "https://lantern.example/team/meera"},
        publisher={"@type": "Organization", "name": "Lantern Check", "url": "https://lantern.example/"},
    )
    [found] = reviews(page(doc))
    assert (found.publisher, found.publisher_url, found.author) == (
        "Lantern Check",
        "https://lantern.example/",
        "Meera Joshi",
    )
    claimreview.import_reviews(claimreview.from_html(page(doc)))
    listed = client.get("/api/external-reviews/", {"publisher": "Lantern Check"}).json()["results"]
    assert [(r["publisher"], r["author"]) for r in listed] == [("Lantern Check", "Meera Joshi")]
    assert client.get("/api/external-reviews/", {"publisher": "Meera Joshi"}).json()["results"] == []


def test_an_organisation_named_as_author_alone_is_the_publisher():
    doc = page_review(
        "https://lantern.example/checks/ferry",
        author={"@type": "Organization", "name": "Lantern Check", "url": "https://lantern.example/"},
    )
    [found] = reviews(page(doc))
    assert (found.publisher, found.publisher_url, found.author) == (
        "Lantern Check",
        "https://lantern.example/",
        "",
    )


# --- 3. Addresses without a scheme, or relative to the page ---------------------------------------
def test_scheme_less_and_relative_addresses_are_resolved_against_the_page():
    scheme_less = page_review("lantern.example/noticias/2026/10/ferry-sailings")
    relative = page_review(
        "/verifica/ferry-sailings",
        itemReviewed={"@type": "Claim", "firstAppearance": {"url": "../videos/ferry"}},
    )
    canonical = "https://www.lantern.example/verifica/index.html"
    found = reviews(page(scheme_less, relative, canonical=canonical), url="https://cache.example/copy/1")
    assert [r.url for r in found] == [
        "https://lantern.example/noticias/2026/10/ferry-sailings",
        "https://www.lantern.example/verifica/ferry-sailings",
    ]
    assert found[1].appearance_url == "https://www.lantern.example/videos/ferry"
    # No canonical link: where the page was read from is its address.
    [read_from] = reviews(page(relative), url="https://lantern.example/checks/page.html")
    assert read_from.url == "https://lantern.example/verifica/ferry-sailings"
    # A relative address with nothing to resolve it against stays unusable.
    [(_, bad)] = read(page(relative))
    assert str(bad) == "no url (an http or https address)"


@pytest.mark.parametrize(
    ("written", "base", "expected"),
    [
        ("https://a.example/x", "", "https://a.example/x"),
        ("//a.example/x", "http://b.example/", "http://a.example/x"),
        ("a.example/x", "", "https://a.example/x"),
        ("a.example", "", "https://a.example"),
        ("x.html", "https://b.example/dir/page", "https://b.example/dir/x.html"),
        ("ftp://a.example/x", "https://b.example/", ""),
        ("javascript:alert(1)", "https://b.example/", ""),
        ("not an address", "https://b.example/", ""),
        ("/x", "", ""),
    ],
)
def test_absolute_url(written, base, expected):
    assert claimreview.absolute_url(written, base=base) == expected


# --- 4. Language, character references, "no numeric rating" -----------------------------------
def test_the_page_language_entities_and_a_minus_one_rating():
    doc = page_review(
        "https://lantern.example/checks/ferry",
        claimReviewed="Ravi Doyle&#039;s ferry figures &amp; the timetable",
        reviewRating={
            "@type": "Rating",
            "ratingValue": -1,
            "bestRating": -1,
            "worstRating": -1,
            "alternateName": "Falso &quot;en parte&quot;",
        },
    )
    [found] = reviews(page(doc, lang="pt-BR"))
    assert found.language == "pt-BR"
    assert found.claim_reviewed == "Ravi Doyle's ferry figures & the timetable"
    assert found.rating_text == 'Falso "en parte"'
    assert (found.rating_value, found.best_rating, found.worst_rating) == (None, None, None)
    # The review's own inLanguage (a code or a Language) comes before the page's.
    [own] = reviews(
        page(
            {**doc, "inLanguage": {"@type": "Language", "name": "Spanish", "alternateName": "es"}},
            lang="pt-BR",
        )
    )
    assert own.language == "es"


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        ({"ratingValue": 2, "bestRating": 5, "worstRating": 1}, (2.0, 5.0, 1.0)),
        ({"ratingValue": 0, "bestRating": 4, "worstRating": 0}, (0.0, 4.0, 0.0)),
        ({"ratingValue": 7, "bestRating": 5, "worstRating": 1}, (None, None, None)),
        ({"ratingValue": 3, "bestRating": 3, "worstRating": 3}, (None, None, None)),
        ({"ratingValue": -1}, (None, None, None)),
        ({"ratingValue": "4"}, (4.0, None, None)),
    ],
)
def test_a_rating_is_kept_as_numbers_only_on_a_real_scale(rating, expected):
    [found] = reviews(json.dumps(page_review("https://lantern.example/c", reviewRating=rating)).encode())
    assert (found.rating_value, found.best_rating, found.worst_rating) == expected


# --- 5. Every record counted; repeats merged the same way whatever their order -------------------
def repeated_lines() -> list[str]:
    """Eight lines, five addresses: review 1 three times (twice in the first batch of three, once
    in the third), review 2 twice across batches, each repeat with other content."""

    def line(n: int, rating: str, modified: str = "") -> str:
        extra = {"dateModified": modified} if modified else {}
        return json.dumps(
            page_review(
                f"https://lantern.example/checks/{n}", reviewRating={"alternateName": rating}, **extra
            )
        )

    return [
        line(1, "False"),
        line(2, "Misleading"),
        line(1, "Mostly false"),
        line(3, "True"),
        line(2, "Missing context"),
        line(4, "True"),
        line(1, "Mostly false", modified="2026-10-09"),  # the latest: kept
        line(5, "False"),
    ]


@pytest.mark.django_db
def test_repeated_addresses_are_counted_merged_and_imported_again_change_nothing(tmp_path):
    lines = repeated_lines()
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(lines) + "\n")

    def run() -> claimreview.Imported:
        return claimreview.import_reviews(
            claimreview.records(lambda: path.open("rb")), found_at=str(path), batch=3
        )

    first = run()
    assert first.read == len(lines) == 8
    assert (first.created, first.merged, first.skipped) == (5, 3, 0)
    rows = {r.url.rsplit("/", 1)[1]: r for r in ExternalReview.objects.all()}
    assert rows["1"].rating_text == "Mostly false" and rows["1"].modified_on.isoformat() == "2026-10-09"
    assert rows["1"].merged and rows["2"].merged and not rows["3"].merged
    kept = {url: r.rating_text for url, r in rows.items()}

    for _ in range(2):
        again = run()
        assert again.read == 8
        assert (again.created, again.updated) == (0, 0)
        assert {r.url.rsplit("/", 1)[1]: r.rating_text for r in ExternalReview.objects.all()} == kept

    # The same records in another order keep the same ones.
    ExternalReview.objects.all().delete()
    path.write_text("\n".join(reversed(lines)) + "\n")
    run()
    assert {r.url.rsplit("/", 1)[1]: r.rating_text for r in ExternalReview.objects.all()} == kept


@pytest.mark.django_db
def test_a_correction_from_another_import_still_replaces_a_review(tmp_path):
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(repeated_lines()) + "\n")
    claimreview.import_reviews(claimreview.records(lambda: path.open("rb")), found_at=str(path), batch=3)
    corrected = page_review("https://lantern.example/checks/3", reviewRating={"alternateName": "Mostly true"})
    done = claimreview.import_reviews(
        claimreview.from_json_lines([json.dumps(corrected).encode()]), found_at="x"
    )
    assert (done.updated, done.read) == (1, 1)
    assert ExternalReview.objects.get(url="https://lantern.example/checks/3").rating_text == "Mostly true"


@pytest.mark.django_db
def test_the_command_reports_every_line(tmp_path, capsys):
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join([*repeated_lines(), "{broken"]) + "\n")
    call_command("import_claimreview", str(path), "--no-link", "--batch", "3")
    out = capsys.readouterr().out
    assert "Imported 9 records" in out and "5 new, 0 updated, 0 unchanged, 1 skipped, 3 repeats" in out
    call_command("import_claimreview", str(path), "--no-link", "--batch", "3")
    assert "Imported 9 records" in (out := capsys.readouterr().out) and "0 new, 0 updated" in out
