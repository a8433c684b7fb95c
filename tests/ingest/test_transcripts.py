"""Transcripts through ingestion: each format read into turns with time codes and stored, its
statements given to their speakers, and a growing transcript that adds only its new turns."""

import pytest

from claims.curation import reextraction
from claims.extraction.types import Stance
from claims.ingest import feeds, submission, transcripts
from claims.ingest.errors import UnusableInput
from claims.ingest.jobs import run_inline
from claims.models import Appearance, Claim, Feed, IngestJob, Source, Speaker, Turn
from tests import transcripts as written
from tests.articles import PLAIN_ARTICLE
from tests.factories import SpeakerFactory
from tests.servers import Route

pytestmark = pytest.mark.django_db


def run(job: IngestJob) -> IngestJob:
    run_inline(job.pk)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize(
    ("raw", "fmt"),
    [
        (written.COUNCIL_VTT, "webvtt"),
        (written.DEBATE_SRT, "srt"),
        (written.HEARING_TXT, "transcript"),
        (written.SPEECH_TXT, "transcript"),
    ],
)
def test_each_format_is_recognised_by_its_content(raw, fmt):
    assert transcripts.detect(raw) == fmt


def test_an_article_is_no_transcript():
    assert transcripts.detect(PLAIN_ARTICLE) is None


def test_a_webvtt_file_is_stored_with_turns_time_codes_and_speakers():
    job = run(submission.submit_bytes(written.COUNCIL_VTT.encode(), filename="council.vtt", enqueue=False))
    assert job.state == IngestJob.State.DONE, job.error
    source = job.source
    assert source.raw_format == "webvtt"
    turns = list(source.turns.all())
    assert [(t.label, t.timecode, t.moderator, t.noise) for t in turns] == [
        ("Ana Ruiz", 1.0, True, False),
        ("Rafael Tovar (Riverton City Council)", 10.0, False, False),
        ("", 24.0, False, True),
        ("Ada Quill", 26.0, False, False),
        ("Rafael Tovar (Riverton City Council)", 33.0, False, False),
    ]
    denial = Appearance.objects.select_related("claim__speaker").get(rule="first-person-denial")
    assert (denial.claim.text, denial.claim.speaker.name, denial.stance, denial.timecode) == (
        "the ferry service would be closed",
        "Rafael Tovar",
        Stance.DENIED,
        16.25,
    )
    question = Appearance.objects.select_related("claim__speaker").get(rule="moderator-question")
    assert (question.claim.speaker.name, question.stance, question.timecode) == (
        "Ana Ruiz",
        "questioned",
        5.5,
    )
    council = Appearance.objects.select_related("claim__speaker").get(rule="we-for-organisation")
    assert council.claim.speaker.name == "Riverton City Council"
    assert council.claim.speaker.kind == Speaker.Kind.ORGANISATION
    for appearance in Appearance.objects.all():
        assert source.text[appearance.start : appearance.end] == appearance.text
        assert appearance.timecode is not None


def test_a_speaker_label_resolves_to_the_known_speaker():
    known = SpeakerFactory(name="Rafael Tovar")
    job = run(submission.submit_text(written.DEBATE_SRT, enqueue=False))
    assert job.state == IngestJob.State.DONE, job.error
    grew = Claim.objects.get(text="The harbour budget grew by 12 percent since 2020.")
    assert grew.speaker == known
    assert grew.appearances.get().timecode == 78.5


def test_the_api_takes_a_transcript_with_its_recording(editor_api):
    response = editor_api.post(
        "/api/ingest-jobs/",
        {
            "text": written.HEARING_TXT,
            "format": "transcript",
            "media_url": "https://media.example.org/hearing.mp4",
        },
        format="json",
    )
    assert response.status_code == 202, response.content
    job = run(IngestJob.objects.get(pk=response.json()["id"]))
    assert job.kind == IngestJob.Kind.TRANSCRIPT and job.state == IngestJob.State.DONE, job.error
    assert job.source.media_url == "https://media.example.org/hearing.mp4"
    assert job.source.published_on.isoformat() == "2024-03-14"


def test_a_text_that_is_no_transcript_sent_as_one_fails_in_words():
    job = run(
        submission.submit_text(
            "Just one line, no turns at all here.", kind=IngestJob.Kind.TRANSCRIPT, enqueue=False
        )
    )
    assert job.state == IngestJob.State.FAILED
    assert "speaker turn" in job.error


GROWING_1 = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v.moderator Ana Ruiz>Mayor Tovar, how much did the harbour tolls rise last year?

00:00:05.000 --> 00:00:10.000
<v Rafael Tovar>The harbour tolls fell by 40 percent in 2023.
"""

GROWING_2 = (
    GROWING_1
    + """
00:00:10.000 --> 00:00:15.000
<v Rafael Tovar>The ferry budget doubled to $12 million since 2020.

00:00:15.000 --> 00:00:21.000
<v Ada Quill>I never said that the bridge would cost $80 million.
"""
)


def test_a_growing_caption_file_adds_only_its_new_turns(editor_api):
    first = run(submission.submit_text(GROWING_1, kind=IngestJob.Kind.TRANSCRIPT, enqueue=False))
    source = first.source
    assert source.turns.count() == 2
    before = {a.pk: (a.start, a.end, a.text) for a in Appearance.objects.filter(source=source)}
    claims_before = Claim.objects.count()
    response = editor_api.post(f"/api/sources/{source.pk}/append/", {"text": GROWING_2}, format="json")
    assert response.status_code == 202, response.content
    job = run(IngestJob.objects.get(pk=response.json()["id"]))
    assert job.state == IngestJob.State.DONE, job.error
    source.refresh_from_db()
    assert source.turns.count() == 4
    assert [t.label for t in source.turns.order_by("number")][2:] == ["Rafael Tovar", "Ada Quill"]
    # What was stored before is untouched; the new statements point into the grown text.
    for pk, (start, end, text) in before.items():
        assert Appearance.objects.get(pk=pk).text == text == source.text[start:end]
    budget = Appearance.objects.select_related("claim__speaker").get(
        claim__text__startswith="The ferry budget"
    )
    assert (budget.claim.speaker.name, budget.timecode) == ("Rafael Tovar", 10.0)
    denial = Appearance.objects.select_related("claim__speaker").get(rule="first-person-denial")
    assert (denial.claim.speaker.name, denial.timecode, denial.claim.text) == (
        "Ada Quill",
        15.0,
        "the bridge would cost $80 million",
    )
    assert Claim.objects.count() == claims_before + 2
    # The same file again adds nothing.
    again = run(submission.submit_append(source=source, data=GROWING_2.encode(), enqueue=False))
    assert again.state == IngestJob.State.DONE and again.appearances_created == 0
    assert source.turns.count() == 4


def test_turns_are_appended_only_to_a_transcript():
    article = run(submission.submit_text(PLAIN_ARTICLE, enqueue=False)).source
    with pytest.raises(UnusableInput, match="not a transcript"):
        submission.submit_append(source=article, data=GROWING_1.encode(), enqueue=False)
    assert Turn.objects.count() == 0
    assert Source.objects.get(pk=article.pk).text == article.text


@pytest.fixture
def editor_api(editor_user):
    from tests.api.conftest import client_for

    return client_for(editor_user)


def test_time_codes_and_already_checked_are_shown_on_the_review_page_the_api_and_the_public_page(
    admin_client, editor_api
):
    from claims.models import Rating
    from claims.retrieval import service as retrieval

    checked = Claim.objects.create(
        text="The harbour tolls fell by 40 percent in 2023.",
        fingerprint="checked-tolls",
        kind=Claim.Kind.ASSERTION,
        state=Claim.State.PUBLISHED,
        verdict=Rating.objects.order_by("value").first(),
    )
    retrieval.index_claims(claim_ids=[checked.pk])
    job = run(
        submission.submit_request(
            text=GROWING_2, transcript=True, media_url="https://www.youtube.com/watch?v=abc123"
        )[0]
    )
    assert job.state == IngestJob.State.DONE, job.error
    source = job.source
    tolls = Appearance.objects.get(source=source, claim__text="The harbour tolls fell by 40 percent in 2023.")
    assert tolls.claim_id != checked.pk  # a statement of the transcript, not the fact check itself

    page = admin_client.get(f"/admin/claims/source/{source.pk}/review/").content.decode()
    assert "Time code" in page and 'href="https://www.youtube.com/watch?v=abc123&amp;t=5"' in page
    assert "Already checked?" in page and f"claim {checked.pk}</a>" in page

    api = editor_api.get(f"/api/claims/{tolls.claim_id}/").json()
    [shown] = [a for a in api["appearances"] if a["id"] == tolls.pk]
    assert (shown["timecode"], shown["moment_url"]) == (5.0, "https://www.youtube.com/watch?v=abc123&t=5")

    Claim.objects.filter(pk=tolls.claim_id).update(state=Claim.State.PUBLISHED)
    public = admin_client.get(f"/claims/{tolls.claim_id}/").content.decode()
    assert "0:05 in the recording" in public and "watch?v=abc123&amp;t=5" in public


def test_reextracting_a_transcript_reads_its_turns_again():
    """After an upgrade, re-extraction runs the transcripts' reader of turns, not the articles'
    extractor: the same statements with the same speakers, stances and time codes come back."""
    job = run(submission.submit_bytes(written.COUNCIL_VTT.encode(), filename="council.vtt", enqueue=False))
    assert job.state == IngestJob.State.DONE, job.error

    def found() -> list[tuple]:
        return sorted(
            (a.claim.text, a.claim.speaker.name if a.claim.speaker else "", a.stance, a.rule, a.timecode)
            for a in Appearance.objects.select_related("claim__speaker").filter(source=job.source)
        )

    before = found()
    assert (
        "the ferry service would be closed",
        "Rafael Tovar",
        Stance.DENIED,
        "first-person-denial",
        16.25,
    ) in before
    Source.objects.filter(pk=job.source.pk).update(extractor_version="0.0.1")
    result = reextraction.reextract_outdated()
    assert result.sources == 1
    assert found() == before


def test_a_caption_file_served_as_text_vtt_is_ingested_by_url(http_server):
    server = http_server({"/council.vtt": Route(body=written.COUNCIL_VTT.encode(), content_type="text/vtt")})
    job = run(submission.submit_url(f"{server.base}/council.vtt", enqueue=False))
    assert job.state == IngestJob.State.DONE, job.error
    assert job.source.raw_format == "webvtt"
    assert job.source.turns.count() == 5


def test_a_live_caption_file_polled_as_a_feed_adds_only_its_new_turns(
    http_server, django_capture_on_commit_callbacks
):
    """A feed of kind transcript is a caption file read again on each poll: the first poll
    ingests it, each later one appends the turns it does not hold yet."""
    server = http_server({"/live.vtt": Route(body=GROWING_1.encode(), content_type="text/vtt")})
    feed = Feed.objects.create(url=f"{server.base}/live.vtt", kind=Feed.Kind.TRANSCRIPT)
    with django_capture_on_commit_callbacks(execute=False):
        first = feeds.poll_feed(feed.pk)
    assert first.ok and first.new_jobs == 1, first.error
    job = run(IngestJob.objects.get())
    assert job.state == IngestJob.State.DONE, job.error
    source = job.source
    assert source.turns.count() == 2
    with django_capture_on_commit_callbacks(execute=False):
        assert feeds.poll_feed(feed.pk).new_jobs == 0  # nothing new in the file: no job
    server.routes["/live.vtt"] = Route(body=GROWING_2.encode(), content_type="text/vtt")
    with django_capture_on_commit_callbacks(execute=False):
        grown = feeds.poll_feed(feed.pk)
    assert grown.ok and grown.new_jobs == 1, grown.error
    append = run(IngestJob.objects.exclude(pk=job.pk).get())
    assert (append.kind, append.state, append.source_id) == (
        IngestJob.Kind.APPEND,
        IngestJob.State.DONE,
        source.pk,
    )
    assert source.turns.count() == 4
    denial = Appearance.objects.select_related("claim__speaker").get(rule="first-person-denial")
    assert (denial.claim.speaker.name, denial.timecode) == ("Ada Quill", 15.0)
    assert Source.objects.count() == 1
    feed.refresh_from_db()
    assert feed.last_error == "" and feed.jobs_created == 2


def test_a_live_transcript_feed_that_serves_no_transcript_fails_in_words(http_server):
    server = http_server(
        {"/page": Route(body=b"<html><body><p>Hello.</p></body></html>", content_type="text/html")}
    )
    feed = Feed.objects.create(url=f"{server.base}/page", kind=Feed.Kind.TRANSCRIPT)
    result = feeds.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert not result.ok and "not a transcript" in feed.last_error
    assert IngestJob.objects.count() == 0
