"""The ingestion service, run in the test process (the integration suite runs it in real workers)."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone

import claims.ingest.jobs
from claims.ingest import articles, pipeline, submission
from claims.ingest.jobs import LeaseLost, claim_job, run_inline, run_job
from claims.models import Appearance, Claim, IngestJob, Source, Speaker
from tests.articles import CYRILLIC_ARTICLE, DEMO, LATIN1_ARTICLE, NO_ARTICLE_HTML, PLAIN_ARTICLE

pytestmark = pytest.mark.django_db


def run(job: IngestJob) -> IngestJob:
    run_inline(job.pk)
    job.refresh_from_db()
    return job


def test_plain_article_is_stored_with_its_claims_and_speakers():
    job = run(submission.submit_text(PLAIN_ARTICLE, enqueue=False))
    assert job.state == IngestJob.State.DONE, job.error
    source = job.source
    assert source.publisher.name == "Riverton Gazette Ltd"
    assert source.published_on.isoformat() == "2022-01-11"
    # '"A," Ferrante said. "B."' is one statement: the claim is its two parts, the appearance
    # keeps the verbatim span with the parts' offsets.
    quote = Claim.objects.get(
        text='"The old bridge carries three times the traffic it was built for," … "We cannot wait any longer."'
    )
    assert quote.speaker.name == "Lucia Ferrante"
    appearance = quote.appearances.get()
    assert source.text[appearance.start : appearance.end] == appearance.text
    assert [source.text[start:end] for start, end in appearance.parts] == [
        '"The old bridge carries three times the traffic it was built for,"',
        '"We cannot wait any longer."',
    ]
    assert appearance.speaker_mention == "Ferrante"
    assert job.claims_created == Claim.objects.count() >= 3
    assert job.appearances_created == Appearance.objects.count()
    assert job.speakers_created == Speaker.objects.count()


def test_the_same_article_twice_is_one_source_and_no_duplicate_claims():
    first = run(submission.submit_text(PLAIN_ARTICLE, enqueue=False))
    counts = (
        Source.objects.count(),
        Claim.objects.count(),
        Appearance.objects.count(),
        Speaker.objects.count(),
    )
    # Same words, other white space: still the same article.
    second = run(submission.submit_text(PLAIN_ARTICLE.replace("\n\n", "\n\n\n"), enqueue=False))
    assert second.state == IngestJob.State.DONE
    assert second.source_id == first.source_id
    assert (second.claims_created, second.appearances_created, second.speakers_created) == (0, 0, 0)
    after = (
        Source.objects.count(),
        Claim.objects.count(),
        Appearance.objects.count(),
        Speaker.objects.count(),
    )
    assert after == counts


def test_running_a_finished_job_again_changes_nothing():
    job = run(submission.submit_text(PLAIN_ARTICLE, enqueue=False))
    outcome = run_job(job.pk)
    assert outcome.state == IngestJob.State.DONE and "not claimed" in outcome.message
    job.refresh_from_db()
    assert job.attempts == 1


def test_a_quote_reported_by_two_outlets_is_one_claim_with_two_appearances():
    shared = '"The old bridge carries three times the traffic it was built for," Ferrante said.'
    one = f"date 2022-01-11\nBridge plan\n\nMayor Lucia Ferrante spoke on Monday.\n\n{shared}\n(Gazette One 2022)"
    two = f"date 2022-01-12\nCity bridge\n\nLucia Ferrante met residents.\n\n{shared}\n(Gazette Two 2022)"
    run(submission.submit_text(one, enqueue=False))
    run(submission.submit_text(two, enqueue=False))
    claim = Claim.objects.get(text__startswith='"The old bridge')
    assert claim.appearances.count() == 2
    assert Source.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "kind", "state", "reason"),
    [
        (b"", IngestJob.Kind.FILE, "failed", "empty"),
        (bytes(range(256)) * 40, IngestJob.Kind.FILE, "failed", "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(500), IngestJob.Kind.FILE, "failed", "PNG image"),
        (NO_ARTICLE_HTML.encode(), IngestJob.Kind.HTML, "failed", "No article text"),
        (CYRILLIC_ARTICLE.encode("cp1251"), IngestJob.Kind.FILE, "done", ""),
        (LATIN1_ARTICLE.encode("latin-1"), IngestJob.Kind.FILE, "done", ""),
    ],
    ids=["empty", "binary", "png", "html-without-article", "cp1251", "latin-1"],
)
def test_bad_input_ends_with_a_readable_reason(data, kind, state, reason):
    job = run(submission.submit_bytes(data, kind=kind, filename="upload", enqueue=False))
    assert job.state == state
    assert reason in job.error
    if state == "failed":
        assert job.attempts == 1  # unusable input is never retried
        assert job.error.endswith(".")  # a sentence, not an exception repr


def test_encodings_are_stored_as_the_right_text():
    cyr = run(submission.submit_bytes(CYRILLIC_ARTICLE.encode("cp1251"), enqueue=False))
    lat = run(submission.submit_bytes(LATIN1_ARTICLE.encode("latin-1"), enqueue=False))
    assert "Депутат городского совета" in cyr.source.text
    assert "Santé a annoncé" in lat.source.text


def test_a_50_mb_file_is_refused_at_the_door_and_recorded(tmp_path, settings):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with big.open("rb") as handle:
        head = handle.read(settings.CLAIMS_INGEST_MAX_BYTES + 1)
    job = submission.submit_bytes(head, filename="huge.txt", size=big.stat().st_size)
    assert job.state == IngestJob.State.FAILED
    assert job.error == "The input is 50.0 MB, above the 10.0 MB limit for one article."


def test_bad_input_damages_nothing_already_stored():
    good = run(submission.submit_text(PLAIN_ARTICLE, enqueue=False))
    before = list(Appearance.objects.order_by("pk").values_list("pk", "claim_id", "start", "end", "text"))
    for data in (b"", bytes(range(256)) * 10, NO_ARTICLE_HTML.encode()):
        run(submission.submit_bytes(data, enqueue=False))
    assert (
        list(Appearance.objects.order_by("pk").values_list("pk", "claim_id", "start", "end", "text"))
        == before
    )
    assert Source.objects.get().pk == good.source_id


def _closed_port(settings) -> int:
    """A port nothing listens on, allowed to be fetched (as the tests' own servers are)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CLAIMS_FETCH_ALLOWED_NETWORKS = [f"127.0.0.1:{port}"]
    return port


def test_unreachable_url_is_retried_then_given_up_with_the_reason(settings):
    settings.CLAIMS_JOB_MAX_ATTEMPTS = 3
    job = submission.submit_url(f"http://127.0.0.1:{_closed_port(settings)}/story", enqueue=False)
    first = run_job(job.pk)
    assert first.state == IngestJob.State.QUEUED and first.retry_in == 10
    job.refresh_from_db()
    assert job.state == IngestJob.State.QUEUED and "Could not reach" in job.error
    job = run(job)
    assert job.state == IngestJob.State.FAILED
    assert job.attempts == 3
    assert job.error.startswith("Gave up after 3 attempts. Last error: Could not reach")


def test_a_run_that_lost_its_lease_stores_nothing(settings):
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    stale = claim_job(job.pk)
    assert stale is not None
    # The first run's worker "died"; after the lease ran out another run takes the job.
    IngestJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=1))
    fresh = claim_job(job.pk)
    assert fresh is not None and fresh != stale
    with pytest.raises(LeaseLost):
        from django.db import transaction

        with transaction.atomic():
            pipeline.store_article(articles.parse(PLAIN_ARTICLE), raw=PLAIN_ARTICLE)
            claims.ingest.jobs._finish(job.pk, stale, IngestJob.State.DONE, "")
    assert Source.objects.count() == 0 and Claim.objects.count() == 0


def test_a_job_cannot_be_claimed_twice_while_its_lease_holds():
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    assert claim_job(job.pk) is not None
    assert claim_job(job.pk) is None


def test_recovery_resends_stalled_jobs_only(monkeypatch):
    messages: list[list[int]] = []
    monkeypatch.setattr("claims.ingest.tasks.ingest_job.delay", lambda job_id: messages.append([job_id]))
    monkeypatch.setattr("claims.ingest.tasks.ingest_jobs.delay", messages.append)
    long_ago = timezone.now() - timedelta(hours=2)
    stuck_running = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    IngestJob.objects.filter(pk=stuck_running.pk).update(state="running", started_at=long_ago)
    lost_message = submission.submit_text(PLAIN_ARTICLE + " ", enqueue=False)
    IngestJob.objects.filter(pk=lost_message.pk).update(enqueued_at=long_ago)
    fresh = submission.submit_text(PLAIN_ARTICLE + "  ", enqueue=False)
    IngestJob.objects.filter(pk=fresh.pk).update(enqueued_at=timezone.now())
    done = run(submission.submit_text(PLAIN_ARTICLE + "\n", enqueue=False))
    assert submission.recover_stalled_jobs() == 2
    assert messages == [sorted([stuck_running.pk, lost_message.pk])]  # one message for both
    assert done.pk not in messages[0]


def test_jobs_are_enqueued_only_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr("claims.ingest.tasks.ingest_job.delay", sent.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = submission.submit_text(PLAIN_ARTICLE)
        assert sent == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [job.pk]
    job.refresh_from_db()
    assert job.enqueued_at is not None


def test_retry_failed_puts_a_failed_job_back_with_fresh_attempts(
    django_capture_on_commit_callbacks, monkeypatch, settings
):
    sent: list[int] = []
    monkeypatch.setattr("claims.ingest.tasks.ingest_job.delay", sent.append)
    job = submission.submit_url(f"http://127.0.0.1:{_closed_port(settings)}/gone", enqueue=False)
    IngestJob.objects.filter(pk=job.pk).update(state="failed", error="Gave up.", attempts=5)
    too_large = submission.submit_bytes(b"x", size=10**9)  # refused at the door: nothing to retry
    with django_capture_on_commit_callbacks(execute=True):
        assert submission.retry_failed([job.pk, too_large.pk]) == 1
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == (IngestJob.State.QUEUED, 0, "")
    assert sent == [job.pk]


def test_demo_html_article_ingests_with_metadata():
    html = (DEMO / "clinic-opening.html").read_bytes()
    job = run(submission.submit_bytes(html, kind=IngestJob.Kind.HTML, enqueue=False))
    assert job.state == IngestJob.State.DONE, job.error
    assert job.source.title == "New rural clinic opens in Westbrook"
    assert Speaker.objects.filter(name="Carlos Mendes").exists()


def test_a_group_opening_a_sentence_is_no_speaker():
    text = (
        "Ferry fares to rise again\n\n"
        'Officials said the ferry would stop running by June. "We have no money left," Jo Reyes said.\n\n'
        "Democrats said the island deserved a bridge instead of a ferry."
    )
    job = run(submission.submit_text(text, enqueue=False))
    assert job.state == IngestJob.State.DONE, job.error
    assert set(Speaker.objects.values_list("name", flat=True)) == {"Jo Reyes"}
    unnamed = Appearance.objects.filter(speaker_mention__in=["Officials", "Democrats"])
    assert unnamed.count() == 2
    assert all(appearance.claim.speaker_id is None for appearance in unnamed)
