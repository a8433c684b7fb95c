"""Jobs run in batches (one message, one transaction for several articles) store exactly what
running them one by one stores, and one bad job never costs the others theirs."""

import uuid

import pytest

import claims.ingest.jobs
from claims.ingest import submission
from claims.ingest.jobs import run_job, run_jobs
from claims.inserts import insert_numbers
from claims.models import (
    Appearance,
    Claim,
    ClaimAnchor,
    IngestJob,
    Publisher,
    PublisherDomain,
    Source,
    SourceSketch,
    Speaker,
)
from claims.store import hashes, matching, neardup, storing
from tests.articles import PLAIN_ARTICLE
from tests.store.test_near_duplicates import COPY, OTHER_STORY, WIRE

pytestmark = pytest.mark.django_db

# A later article in which the board chair of OTHER_STORY is "Keller" and her quotation runs on.
FARES_FOLLOWUP = """date 2024-06-05
Fare freeze questioned in council

PORT ALDEN, June 5 - Opposition councillors questioned the rail fare freeze on Wednesday.

"We can hold fares for one more year, but not longer than that without new money from the region," Keller told the council.

Critics said the freeze would leave too little for repairs to the line.

(Harbour Times 2024)
"""

# The wire story's copy, its quotation given to "the chairman": only as the wire story's copy is
# that quotation John Smith's claim.
UNNAMED_COPY = COPY.replace("Smith said.", "the chairman said.")

# In order: a wire story, another story, the wire story's copy (its original earlier in the
# batch), a variant of the second story's quotation by the same person under her surname, an
# unrelated article, and the wire story again.
STORIES = [WIRE, OTHER_STORY, UNNAMED_COPY, FARES_FOLLOWUP, PLAIN_ARTICLE, WIRE]


def submit(texts: list[str]) -> list[int]:
    return [submission.submit_text(text, enqueue=False).pk for text in texts]


def stored() -> dict[str, list]:
    """Everything ingestion wrote, by content rather than by id."""
    claims = Claim.objects.select_related("speaker")
    appearances = Appearance.objects.select_related("source", "claim")
    sources = Source.objects.select_related("near_duplicate_of")
    return {
        "claims": sorted((c.text, c.kind, c.speaker.name if c.speaker else "") for c in claims),
        "appearances": sorted((a.source.content_hash, a.start, a.end, a.claim.text) for a in appearances),
        "speakers": sorted(Speaker.objects.values_list("name", flat=True)),
        "sources": sorted(
            (s.content_hash, s.near_duplicate_of.content_hash if s.near_duplicate_of else "") for s in sources
        ),
        "jobs": [
            (j.state, j.claims_created, j.appearances_created, j.speakers_created)
            for j in IngestJob.objects.order_by("pk")
        ],
    }


def wipe() -> None:
    for model in (IngestJob, Appearance, ClaimAnchor, Claim, Speaker, SourceSketch, Source):
        model.objects.all().delete()
    PublisherDomain.objects.all().delete()
    Publisher.objects.all().delete()


def test_a_batch_stores_what_running_its_jobs_one_by_one_stores(caplog):
    for job_id in submit(STORIES):
        assert run_job(job_id).state == IngestJob.State.DONE
    one_by_one = stored()
    wipe()

    caplog.clear()
    outcomes = run_jobs(submit(STORIES))

    assert [o.state for o in outcomes] == [IngestJob.State.DONE] * len(STORIES)
    # Stored as one batch, not job by job after the batch failed.
    assert not [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
    assert stored() == one_by_one
    # What the equality covers, spelled out: the copy reuses the wire story's claims, "Keller"
    # is Lena Keller, her longer quotation merged into her first one, the repeat adds nothing.
    keller = Claim.objects.get(text__contains="We can hold fares")
    assert keller.speaker.name == "Lena Keller" and keller.appearances.count() == 2
    assert not Speaker.objects.filter(name="Keller").exists()
    assert Claim.objects.get(kind="direct", text__contains="Tolls for fishing").appearances.count() == 2
    jobs = list(IngestJob.objects.order_by("pk"))
    assert jobs[-1].source_id == jobs[0].source_id
    assert (jobs[-1].claims_created, jobs[-1].appearances_created) == (0, 0)
    assert sum(j.claims_created for j in jobs) == Claim.objects.count()
    assert sum(j.appearances_created for j in jobs) == Appearance.objects.count()
    assert sum(j.speakers_created for j in jobs) == Speaker.objects.count()


def test_an_unreadable_input_fails_only_its_own_job():
    good, empty, other = (
        submission.submit_text(WIRE, enqueue=False).pk,
        submission.submit_bytes(b"", enqueue=False).pk,
        submission.submit_text(PLAIN_ARTICLE, enqueue=False).pk,
    )
    outcomes = run_jobs([good, empty, other])
    assert [o.state for o in outcomes] == ["done", "failed", "done"]
    failed = IngestJob.objects.get(pk=empty)
    assert failed.error and failed.source_id is None
    assert Source.objects.count() == 2


def test_an_error_while_storing_one_article_costs_the_others_nothing(monkeypatch):
    real = storing.extraction.extract

    def extract(text, **kwargs):
        if "Riverton" in text:
            raise RuntimeError("the extractor tripped")
        return real(text, **kwargs)

    monkeypatch.setattr(storing.extraction, "extract", extract)
    ids = submit([WIRE, PLAIN_ARTICLE, OTHER_STORY])
    outcomes = run_jobs(ids)
    assert [o.state for o in outcomes] == ["done", "queued", "done"]
    assert outcomes[1].retry_in is not None
    broken = IngestJob.objects.get(pk=ids[1])
    assert broken.error == "Unexpected error: RuntimeError: the extractor tripped"
    # The others were stored on their own; nothing of the broken one was.
    assert Source.objects.count() == 2
    assert not Source.objects.filter(text__contains="Riverton").exists()
    assert (
        sum(IngestJob.objects.filter(pk__in=ids).values_list("claims_created", flat=True))
        == Claim.objects.count()
    )


def test_a_job_whose_lease_is_lost_midway_is_discarded_and_the_rest_stored(monkeypatch):
    ids = submit([WIRE, PLAIN_ARTICLE, OTHER_STORY])
    real = claims.ingest.jobs._read

    def read(job):
        if job.pk == ids[2]:  # meanwhile another run took the second job over
            IngestJob.objects.filter(pk=ids[1]).update(lease=uuid.uuid4())
        return real(job)

    monkeypatch.setattr("claims.ingest.jobs._read", read)
    outcomes = run_jobs(ids)
    assert [o.state for o in outcomes] == ["done", "running", "done"]
    assert "lease lost" in outcomes[1].message
    assert not Source.objects.filter(text__contains="Riverton").exists()
    assert Source.objects.count() == 2


def test_jobs_not_read_in_time_go_back_to_the_queue_uncounted(
    monkeypatch, django_capture_on_commit_callbacks
):
    messages: list[list[int]] = []
    monkeypatch.setattr("claims.ingest.tasks.ingest_jobs.delay", messages.append)
    monkeypatch.setattr("claims.ingest.tasks.ingest_job.delay", lambda job_id: messages.append([job_id]))
    monkeypatch.setattr("claims.ingest.jobs.READ_SECONDS", 0)
    ids = submit([WIRE, PLAIN_ARTICLE, OTHER_STORY])
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = run_jobs(ids)
    assert [o.state for o in outcomes] == ["done", "queued", "queued"]
    assert messages == [ids[1:]]
    rest = IngestJob.objects.filter(pk__in=ids[1:])
    assert set(rest.values_list("state", "attempts", "lease")) == {("queued", 0, None)}


def test_jobs_are_sent_in_messages_of_the_batch_size(settings, monkeypatch):
    settings.CLAIMS_INGEST_BATCH = 3
    messages: list[list[int]] = []
    monkeypatch.setattr("claims.ingest.tasks.ingest_jobs.delay", messages.append)
    monkeypatch.setattr("claims.ingest.tasks.ingest_job.delay", lambda job_id: messages.append([job_id]))
    ids = submit([f"{PLAIN_ARTICLE}\n{i}" for i in range(7)])
    assert submission.enqueue_many(ids) == 3
    assert messages == [ids[0:3], ids[3:6], ids[6:]]
    assert not IngestJob.objects.filter(pk__in=ids, enqueued_at__isnull=True).exists()


def test_a_message_delivered_twice_runs_its_jobs_once():
    ids = submit([WIRE, PLAIN_ARTICLE])
    first = run_jobs(ids)
    again = run_jobs(ids)
    assert [o.state for o in first] == ["done", "done"]
    assert [o.state for o in again] == ["done", "done"]
    assert all("not claimed" in o.message for o in again)
    assert set(IngestJob.objects.values_list("attempts", flat=True)) == {1}


def test_looking_up_anchors_for_several_speakers_at_once_equals_one_lookup_each():
    a, b = Speaker.objects.create(name="A", name_key="a"), Speaker.objects.create(name="B", name_key="b")
    claims = {
        text: Claim.objects.create(text=text, fingerprint=text, speaker=speaker, kind=Claim.Kind.DIRECT)
        for text, speaker in [("one two", a), ("two three", a), ("three four", b), ("one four", None)]
    }
    numbers = {"one": 1, "two": 2, "three": 3, "four": 4}
    ClaimAnchor.objects.bulk_create(
        ClaimAnchor(claim=claim, value=numbers[word], speaker_id=claim.speaker_id)
        for text, claim in claims.items()
        for word in text.split()
    )
    wanted = {a.pk: {1, 2, 3}, b.pk: {3, 4}}
    together = hashes.owners_sharing_per_group(ClaimAnchor, "claim", "speaker_id", wanted, per_value=30)
    for speaker_id, values in wanted.items():
        alone = hashes.owners_sharing(ClaimAnchor, "claim", values, 30, equal={"speaker_id": speaker_id})
        assert together[speaker_id] == alone
    assert together[a.pk] == {claims["one two"].pk: 2, claims["two three"].pk: 2}


def test_a_variant_from_another_article_of_the_batch_is_found_but_not_from_the_same_one():
    quote = "we can hold fares for one more year but not longer than that without new money"
    longer = quote + " from the region"
    found = matching.variants_among(
        [(quote, 7, 0), (longer, 7, 0), (longer, 7, 1), (longer, 8, 2), ("something else entirely now", 7, 3)]
    )
    assert found[0] is None
    assert found[1] is None  # the same article: storing one by one would not have merged it either
    assert found[2] is not None and found[2][0] == 0 and found[2][1].action == "merge"
    assert found[3] is None  # another speaker
    assert found[4] is None


def test_index_rows_already_there_are_skipped_and_nulls_and_extreme_hashes_kept():
    claim = Claim.objects.create(text="a claim", fingerprint="a claim", kind=Claim.Kind.DIRECT)
    columns = ["claim", "value", "speaker_id"]
    insert_numbers(ClaimAnchor, columns, [(claim.pk, 5, None), (claim.pk, -(2**63), 7)])
    insert_numbers(ClaimAnchor, columns, [(claim.pk, 5, 9), (claim.pk, 2**63 - 1, None)])  # 5 is there
    rows = set(ClaimAnchor.objects.values_list("claim_id", "value", "speaker_id"))
    assert rows == {(claim.pk, 5, None), (claim.pk, -(2**63), 7), (claim.pk, 2**63 - 1, None)}


# Shares most of its sentences with COPY and almost none with WIRE: a copy of the copy.
COPY_OF_COPY = """date 2024-06-04
Fishing fleet wins toll cut in Port Alden

The Daily Harbour - Fishing crews in Port Alden will pay less to dock from July.

"Tolls for fishing boats will fall by a third this summer, and we will review them again next spring," Smith said.

The cut follows two years of complaints from the fishing fleet, which says tolls rose faster than the price of fish.

Harbour workers expect more boats to return to Port Alden before the autumn season.

(Port Alden Weekly 2024)
"""


def test_copies_of_copies_in_one_batch_point_at_the_first_story():
    outcomes = run_jobs(submit([WIRE, COPY, COPY_OF_COPY, OTHER_STORY]))
    assert [o.state for o in outcomes] == ["done"] * 4
    wire, copy, copy_of_copy, other = (IngestJob.objects.get(pk=o.job_id).source for o in outcomes)
    sketches = {s.pk: sorted(s.sketch.values_list("value", flat=True)) for s in (wire, copy, copy_of_copy)}
    # The copy of the copy resembles the copy, not the wire story ...
    assert neardup.resemblance(sketches[copy_of_copy.pk], sketches[copy.pk]) >= neardup.THRESHOLD
    assert neardup.resemblance(sketches[copy_of_copy.pk], sketches[wire.pk]) < neardup.THRESHOLD
    # ... and points, like the copy, at the first of the chain.
    assert copy.near_duplicate_of_id == wire.pk
    assert copy_of_copy.near_duplicate_of_id == wire.pk
    assert other.near_duplicate_of_id is None


def test_the_batch_task_stops_reading_before_its_time_limit_and_its_time_limit_before_the_lease(settings):
    from claims.ingest import tasks

    assert claims.ingest.jobs.READ_SECONDS < tasks.BATCH_SOFT_TIME_LIMIT < tasks.BATCH_TIME_LIMIT
    assert tasks.BATCH_TIME_LIMIT < settings.CLAIMS_JOB_LEASE_SECONDS
    for task in (tasks.ingest_job, tasks.ingest_jobs):
        assert task.acks_late and task.reject_on_worker_lost and task.max_retries
