import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import IngestJob, Source
from tests.articles import DEMO, PLAIN_ARTICLE


def test_extract_claims_follows_the_eval_contract(tmp_path):
    articles = [
        {"id": "a", "text": PLAIN_ARTICLE.split("\n", 1)[1], "published": "2022-01-11"},
        {"id": "b", "text": "Nothing quoted here at all."},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in articles) + "\n")
    target = tmp_path / "out.jsonl"
    call_command("extract_claims", str(source), str(target))
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[1]["claims"] == []
    text = articles[0]["text"]
    expected_keys = {
        "text",
        "start",
        "end",
        "parts",
        "kind",
        "speaker",
        "speaker_start",
        "speaker_end",
        "speaker_name",
        "speaker_role",
        "cue",
        "cue_start",
        "cue_end",
        "said_on",
        "said_on_basis",
        "checkworthiness",
        "rule",
        "resolution",
        "stance",
    }
    assert lines[0]["claims"]
    from claims.extraction.rulebook import RULES

    for claim in lines[0]["claims"]:
        assert set(claim) == expected_keys
        assert claim["rule"] in RULES
        assert text[claim["start"] : claim["end"]] == claim["text"]
    assert any(c["speaker_name"] == "Lucia Ferrante" for c in lines[0]["claims"])


def test_extract_claims_rejects_a_bad_line_with_its_number(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "ok"}\n{"id": "b"}\n')
    with pytest.raises(CommandError, match=r"in\.jsonl:2"):
        call_command("extract_claims", str(source), str(tmp_path / "out.jsonl"))


def test_extract_claims_names_a_line_that_is_not_utf8(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n')
    with pytest.raises(CommandError, match=r"in\.jsonl:2: not UTF-8 \(byte 25 of the line"):
        call_command("extract_claims", str(source), str(tmp_path / "out.jsonl"))


@pytest.mark.django_db
def test_ingest_inline_reports_progress_and_stores(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(PLAIN_ARTICLE)
    call_command("ingest", "--inline", str(path), str(DEMO / "clinic-opening.html"))
    out = capsys.readouterr().out
    assert "[1/2] job" in out and "[2/2] job" in out and "new claims" in out
    assert Source.objects.count() == 2
    assert IngestJob.objects.filter(state="done").count() == 2


@pytest.mark.django_db
def test_ingest_inline_fails_loudly_on_bad_input(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 1 job"):
        call_command("ingest", "--inline", str(empty))
    assert "The input is empty" in capsys.readouterr().out


def test_ingest_rejects_a_missing_path():
    with pytest.raises(CommandError, match="neither an http"):
        call_command("ingest", "--inline", "/no/such/file.txt")


def test_extract_claims_kinds_selects_what_is_written(tmp_path):
    text = (
        '"We will win," Jane Doe said.\n\n'
        "The number of licensed vessels fell from 410 in 2015 to 265 last year."
    )
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": text}) + "\n")
    everything, attributions = tmp_path / "all.jsonl", tmp_path / "attr.jsonl"
    call_command("extract_claims", str(source), str(everything))
    call_command("extract_claims", str(source), str(attributions), "--kinds", "direct,mixed,indirect")
    kinds_all = [c["kind"] for c in json.loads(everything.read_text())["claims"]]
    kinds_attr = [c["kind"] for c in json.loads(attributions.read_text())["claims"]]
    assert kinds_all == ["direct", "assertion"]
    assert kinds_attr == ["direct"]


def test_extract_claims_rejects_unknown_kinds(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "ok"}\n')
    with pytest.raises(CommandError, match="--kinds"):
        call_command("extract_claims", str(source), str(tmp_path / "out.jsonl"), "--kinds", "quotes")


@pytest.mark.django_db
def test_generate_dataset_makes_consistent_rows(capsys):
    from claims.models import Appearance, Claim, Source, Speaker

    call_command("generate_dataset", claims=300, speakers=40, sources=60, appearances=450, publishers=5)
    assert (Claim.objects.count(), Speaker.objects.count(), Source.objects.count()) == (300, 40, 60)
    assert Appearance.objects.count() == 450
    assert not Claim.objects.filter(appearances__isnull=True).exists()  # every claim appears somewhere
    for appearance in Appearance.objects.select_related("source")[:50]:
        assert appearance.source.text[appearance.start : appearance.end] == appearance.text
    assert Claim.objects.filter(state="published", verdict__isnull=False).exists()
    assert "claims_appearance: 450/450 rows" in capsys.readouterr().out
    # Every claim is searchable at once, by its words and by the embedding of its sentence's template.
    from claims.models import ClaimSearchEntry
    from claims.retrieval import dense
    from claims.retrieval import service as retrieval

    assert ClaimSearchEntry.objects.count() == 300 and not retrieval.pending().exists()
    claim = Claim.objects.select_related("speaker").order_by("pk")[7]
    found = retrieval.search(text=claim.text, claims=Claim.objects.all(), limit=5)
    assert found[0].claim_id == claim.pk
    entry = ClaimSearchEntry.objects.get(claim=claim)
    assert claim.speaker.name in entry.document
    subject = claim.text.split(" by ")[0]
    same = [c for c in Claim.objects.exclude(pk=claim.pk) if c.text.split(" by ")[0] == subject]
    others = Claim.objects.exclude(text__startswith=subject)[:20]
    vector = dense.from_bytes(entry.embedding)
    cosine = lambda c: float(dense.from_bytes(c.search_entry.embedding) @ vector)  # noqa: E731
    assert same and min(map(cosine, same)) > max(map(cosine, others))
    # A new claim after generation gets a fresh id (the sequences were moved on).
    assert Claim.objects.create(text="x", fingerprint="after", kind="direct").pk == 301
    with pytest.raises(CommandError, match="has claims already"):
        call_command("generate_dataset", claims=10, speakers=5, sources=5, appearances=10)


@pytest.mark.django_db
def test_ingest_skip_ingested_takes_each_file_once(tmp_path, capsys):
    story, other = tmp_path / "story.txt", tmp_path / "other.txt"
    story.write_text(PLAIN_ARTICLE)
    call_command("ingest", "--inline", "--skip-ingested", str(story))
    other.write_text(PLAIN_ARTICLE.replace("said", "told reporters", 1))
    capsys.readouterr()
    call_command("ingest", "--inline", "--skip-ingested", str(story), str(other))
    out = capsys.readouterr().out
    assert "Skipped story.txt: ingested before, job" in out and "[1/1] job" in out
    assert IngestJob.objects.count() == 2
    story.write_text(PLAIN_ARTICLE + "\nA new paragraph.\n")  # the same name, other bytes: taken in
    call_command("ingest", "--inline", "--skip-ingested", str(story))
    assert IngestJob.objects.count() == 3


@pytest.mark.django_db
def test_ensure_admin_creates_once_and_resets_from_the_environment(monkeypatch, capsys):
    from django.contrib.auth import authenticate

    monkeypatch.delenv("CLAIMS_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = out.split("password: ")[-1].strip()
    assert "Created admin user 'admin'" in out and authenticate(username="admin", password=password)
    call_command("ensure_admin")
    assert "already exists (its password is unchanged)" in capsys.readouterr().out
    monkeypatch.setenv("CLAIMS_ADMIN_PASSWORD", "a new one for the desk")
    call_command("ensure_admin")
    assert "password reset" in capsys.readouterr().out
    assert authenticate(username="admin", password="a new one for the desk")
    assert not authenticate(username="admin", password=password)


CLAIM_REVIEW = {
    "@type": "ClaimReview",
    "url": "https://checkers.example/reviews/bom",
    "claimReviewed": "The harbour toll rose by 9 percent last year",
    "author": {"@type": "Organization", "name": "Harbour Checkers"},
    "datePublished": "2026-11-20",
    "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "alternateName": "Mostly false"},
}


def test_import_claimreview_refuses_a_missing_file_or_a_folder(tmp_path):
    for where in (tmp_path / "missing.json", tmp_path):
        with pytest.raises(CommandError, match="neither an http"):
            call_command("import_claimreview", str(where), "--no-link")


def test_import_claimreview_stops_with_the_reason_when_the_file_cannot_be_read(tmp_path, monkeypatch):
    from pathlib import Path

    path = tmp_path / "reviews.json"
    path.write_text("{}")

    def unreadable(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", unreadable)
    with pytest.raises(CommandError, match=r"cannot be read.*Permission denied"):
        call_command("import_claimreview", str(path), "--no-link")


@pytest.mark.django_db
@pytest.mark.parametrize("data", [b"", b"\n  \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_import_claimreview_reads_no_record_from_an_empty_file(tmp_path, capsys, data):
    path = tmp_path / "reviews.json"
    path.write_bytes(data)
    call_command("import_claimreview", str(path), "--no-link")
    out = capsys.readouterr().out
    assert "Imported 0 records" in out and "skipped" not in out.replace("0 skipped", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "document",
    [
        json.dumps(
            {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [CLAIM_REVIEW]}
        ),
        json.dumps(CLAIM_REVIEW) + "\n" + json.dumps({**CLAIM_REVIEW, "url": "https://checkers.example/2"}),
        f'<html><script type="application/ld+json">{json.dumps(CLAIM_REVIEW)}</script></html>',
    ],
    ids=["data-feed", "json-lines", "page"],
)
def test_import_claimreview_reads_a_file_that_starts_with_a_byte_order_mark(tmp_path, capsys, document):
    from claims.models import ExternalReview

    path = tmp_path / "reviews.json"
    path.write_bytes(b"\xef\xbb\xbf" + document.encode())
    call_command("import_claimreview", str(path), "--no-link")
    assert " 0 skipped" in capsys.readouterr().out
    assert ExternalReview.objects.filter(url="https://checkers.example/reviews/bom").exists()
