"""Curation beyond the state workflow: assignment, edits, speaker merges and aliases, claim
merges and splits, re-extraction that keeps editors' work, job retry; through the services and
through the admin, per role."""

import dataclasses
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from claims import extraction
from claims.curation import reextraction, speakers, workflow
from claims.extraction.rulebook import RULES
from claims.identity.names import name_key
from claims.ingest import articles, pipeline
from claims.models import Appearance, Claim, ClaimEvent, IngestJob, Rating, Source, Speaker, SpeakerAlias
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    IngestJobFactory,
    SourceFactory,
    SpeakerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:claims_claim_changelist"


def member(group: str | None, name: str | None = None):
    user = UserFactory(username=name or (group or "staff").lower(), is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def totals() -> tuple[int, int]:
    return Claim.objects.count(), Appearance.objects.count()


# --- assignment ---------------------------------------------------------------------------------


def test_assign_to_me_and_the_assigned_to_me_filter():
    editor, other = member("Editor"), member("Editor", "other")
    mine, theirs, _free = (
        ClaimFactory(text="mine text"),
        ClaimFactory(text="theirs text"),
        ClaimFactory(text="free text"),
    )
    workflow.claim_assign(claim_ids=[theirs.pk], assignee=other, user=other)
    client = logged_in(editor)
    response = client.post(
        reverse(CHANGELIST), {"action": "assign_to_me", "_selected_action": [mine.pk]}, follow=True
    )
    assert "Assigned 1 claim to editor." in messages_of(response)
    page = client.get(reverse(CHANGELIST), {"assigned": "me"}).content.decode()
    assert "mine text" in page and "theirs text" not in page and "free text" not in page
    page = client.get(reverse(CHANGELIST), {"assigned": "nobody"}).content.decode()
    assert "free text" in page and "mine text" not in page
    event = ClaimEvent.objects.get(claim=mine, action=ClaimEvent.Action.ASSIGN)
    assert (event.user, event.details["to"]) == (editor, editor.pk)


def test_only_curators_can_be_assigned():
    editor = member("Editor")
    bystander = UserFactory(username="bystander")
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="cannot curate"):
        workflow.claim_assign(claim_ids=[claim.pk], assignee=bystander, user=editor)
    with pytest.raises(PermissionDenied):
        workflow.claim_assign(claim_ids=[claim.pk], assignee=editor, user=bystander)


# --- edits ----------------------------------------------------------------------------------------


def test_an_edit_through_the_claim_page_is_recorded_with_old_and_new_values():
    editor = member("Editor")
    wrong, right = SpeakerFactory(name="Wrong Person"), SpeakerFactory(name="Right Person")
    claim = ClaimFactory(speaker=wrong, text="Tolls fall,")
    response = logged_in(editor).post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        {
            "text": claim.text,
            "speaker": right.pk,
            "kind": claim.kind,
            "stance": claim.stance,
            "checkworthiness": 0.5,
            "notes": "Checked the recording.",
            "appearances-TOTAL_FORMS": 0,
            "appearances-INITIAL_FORMS": 0,
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.speaker == right and claim.notes == "Checked the recording."
    assert claim.fingerprint == Claim.fingerprint_of(text=claim.text, speaker_key=right.name_key)
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.EDIT)
    assert event.user == editor
    assert event.details["speaker"] == {
        "from": {"id": wrong.pk, "name": "Wrong Person"},
        "to": {"id": right.pk, "name": "Right Person"},
    }
    assert set(event.details) == {"speaker", "notes", "checkworthiness"}


def test_an_edit_that_makes_two_claims_one_statement_is_refused_with_the_other_claim():
    editor = member("Editor")
    speaker = SpeakerFactory()
    existing = ClaimFactory(speaker=speaker, text="Tolls will fall,")
    claim = ClaimFactory(speaker=speaker, text="Tolls will rise,")
    with pytest.raises(ValidationError, match=f"Claim {existing.pk} is already"):
        workflow.claim_edit(claim_id=claim.pk, changes={"text": "tolls WILL fall"}, user=editor)
    claim.refresh_from_db()
    assert claim.text == "Tolls will rise,"


# --- speakers -------------------------------------------------------------------------------------


@pytest.fixture
def two_putins(db):
    """'Vladimir Putin' and 'President Putin' as two speakers; one statement under both names."""
    full = SpeakerFactory(name="Vladimir Putin")
    short = SpeakerFactory(name="Putin", wikidata_id="Q7747", aliases=["V. Putin"])
    SpeakerAlias.objects.create(speaker=short, name="V. Putin", name_key=name_key("V. Putin"))
    shared_text = "The operation is going to plan,"
    kept = ClaimFactory(speaker=full, text=shared_text, state=Claim.State.NEW)
    duplicate = ClaimFactory(speaker=short, text=shared_text, state=Claim.State.ACCEPTED)
    only_short = ClaimFactory(speaker=short, text="Sanctions will fail,")
    for claim in (kept, duplicate, only_short, duplicate):
        AppearanceFactory(claim=claim)
    return {"full": full, "short": short, "kept": kept, "duplicate": duplicate, "only_short": only_short}


def test_merging_speakers_loses_no_appearance_and_keeps_names(two_putins):
    editor = member("Editor")
    full, short = two_putins["full"], two_putins["short"]
    claims_before, appearances_before = totals()
    speakers.merge_speakers(target_id=full.pk, other_ids=[short.pk], user=editor)
    claims_after, appearances_after = totals()
    assert appearances_after == appearances_before
    assert claims_after == claims_before - 1  # the statement both had is now one claim
    assert not Speaker.objects.filter(pk=short.pk).exists()
    full.refresh_from_db()
    assert set(full.aliases) == {"Putin", "V. Putin"} and full.wikidata_id == "Q7747"
    assert set(Claim.objects.values_list("speaker_id", flat=True)) == {full.pk}
    # The accepted claim outranks the new one, so it survives with every appearance of both.
    survivor = Claim.objects.get(text=two_putins["duplicate"].text)
    assert survivor.pk == two_putins["duplicate"].pk and survivor.appearances.count() == 3
    assert survivor.fingerprint == Claim.fingerprint_of(text=survivor.text, speaker_key=full.name_key)
    events = ClaimEvent.objects.filter(action=ClaimEvent.Action.SPEAKER_MERGE)
    assert {e.claim_id for e in events} == {survivor.pk, two_putins["only_short"].pk}
    assert all(e.details["from_name"] == "Putin" and e.user == editor for e in events)


def test_the_next_article_naming_a_merged_speaker_goes_to_the_kept_one(two_putins):
    editor = member("Editor")
    full = two_putins["full"]
    speakers.merge_speakers(target_id=full.pk, other_ids=[two_putins["short"].pk], user=editor)
    text = 'Talks ended.\n\n"The talks achieved nothing," Putin said on Monday.'
    pipeline.store_article(articles.parse_text(text), raw=text)
    claim = Claim.objects.get(text__contains="talks achieved nothing")
    assert claim.speaker == full
    assert not Speaker.objects.filter(name="Putin").exists()


def test_aliases_are_edited_on_the_speaker_page_and_used_by_ingestion():
    editor = member("Editor")
    speaker = SpeakerFactory(name="Helena Varga")
    other = SpeakerFactory(name="Marta Varga")
    page = reverse("admin:claims_speaker_change", args=[speaker.pk])
    form = {"name": speaker.name, "kind": "person", "description": "", "wikidata_id": ""}
    refused = logged_in(editor).post(page, {**form, "aliases_text": "Marta Varga"})
    assert refused.status_code == 200 and "already another speaker" in refused.content.decode()
    saved = logged_in(editor).post(page, {**form, "aliases_text": "Commissioner Varga\nH. Varga"})
    assert saved.status_code == 302
    speaker.refresh_from_db()
    assert speaker.aliases == ["Commissioner Varga", "H. Varga"]
    text = 'Fish.\n\n"Quotas will be cut by a third," H. Varga said.'
    pipeline.store_article(articles.parse_text(text), raw=text)
    assert Claim.objects.get(text__contains="Quotas").speaker == speaker
    assert other.claims.count() == 0


def test_merge_speakers_through_the_admin_action(two_putins):
    editor = logged_in(member("Editor"))
    full, short = two_putins["full"], two_putins["short"]
    url = reverse("admin:claims_speaker_changelist")
    selected = {"action": "merge_speakers", "_selected_action": [full.pk, short.pk]}
    confirm = editor.post(url, selected)
    assert confirm.status_code == 200 and "which one is kept" in confirm.content.decode()
    done = editor.post(url, {**selected, "confirm": "yes", "keep": full.pk}, follow=True)
    assert "Merged 1 speaker into Vladimir Putin" in messages_of(done)
    assert list(Speaker.objects.values_list("pk", flat=True)) == [full.pk]


# --- claims: merge and split ---------------------------------------------------------------------


def test_merge_claims_through_the_admin_action_keeps_every_appearance():
    editor = logged_in(member("Editor"))
    claims = [ClaimFactory(text=f"Tolls fall by {n}") for n in range(3)]
    for claim in claims:
        AppearanceFactory.create_batch(2, claim=claim)
    claims_before, appearances_before = totals()
    keep = claims[1]
    response = editor.post(
        reverse(CHANGELIST),
        {
            "action": "merge_claims",
            "_selected_action": [c.pk for c in claims],
            "confirm": "yes",
            "keep": keep.pk,
            "across_speakers": "1",  # the factory's claims are different speakers'
        },
        follow=True,
    )
    assert f"Merged 2 claims into claim {keep.pk}" in messages_of(response)
    assert totals() == (claims_before - 2, appearances_before)
    assert keep.appearances.count() == 6


def test_split_moves_the_chosen_appearances_to_a_new_claim():
    editor = member("Editor")
    claim = ClaimFactory(text="Tolls fall,", state=Claim.State.ACCEPTED)
    first, second, third = AppearanceFactory.create_batch(3, claim=claim, text="Tolls fall,")
    claims_before, appearances_before = totals()
    client = logged_in(editor)
    url = reverse("admin:claims_claim_split", args=[claim.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"appearances": [second.pk, third.pk]})
    new = Claim.objects.exclude(pk=claim.pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{new.pk}/change/")
    assert totals() == (claims_before + 1, appearances_before)
    assert set(new.appearances.values_list("pk", flat=True)) == {second.pk, third.pk}
    assert list(claim.appearances.values_list("pk", flat=True)) == [first.pk]
    assert (new.state, new.speaker_id, new.text) == (Claim.State.NEW, claim.speaker_id, "Tolls fall,")
    assert ClaimEvent.objects.filter(action=ClaimEvent.Action.SPLIT).count() == 2
    # The words stay one claim for ingestion: the original keeps the natural fingerprint.
    claim.refresh_from_db()
    assert claim.fingerprint == Claim.fingerprint_of(text="Tolls fall,", speaker_key=claim.speaker.name_key)


def test_split_refuses_none_or_all():
    editor = member("Editor")
    claim = ClaimFactory()
    appearances = AppearanceFactory.create_batch(2, claim=claim)
    for chosen in ([], [a.pk for a in appearances]):
        with pytest.raises(ValidationError):
            workflow.claim_split(claim_id=claim.pk, appearance_ids=chosen, user=editor)
    assert Claim.objects.count() == 1


# --- re-extraction -------------------------------------------------------------------------------

ARTICLE = (
    "date 2024-05-02\n\nHarbour tolls.\n\n"
    '"Tolls will fall by a third," the minister, Ada Quill, said on Tuesday.\n\n'
    '"Fees rose last year," the mayor, Bo Hale, said.\n\n'
    '"Nothing will change," Cy Dunn, a trader, said.'
)


def test_reextraction_keeps_what_editors_accepted_or_edited_and_replaces_the_rest(monkeypatch):
    editor = member("Editor")
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    source = Source.objects.get()
    by_speaker = {c.speaker.name: c for c in Claim.objects.select_related("speaker")}
    accepted, edited, untouched = by_speaker["Ada Quill"], by_speaker["Bo Hale"], by_speaker["Cy Dunn"]
    workflow.claim_transition(claim_id=accepted.pk, to_state=Claim.State.ACCEPTED, user=editor)
    workflow.claim_edit(
        claim_id=edited.pk,
        changes={"text": "Fees rose sharply last year", "notes": "per the audit"},
        user=editor,
    )
    snapshot = {
        c.pk: (c.text, c.speaker_id, c.state, c.notes, sorted(c.appearances.values_list("start", "end")))
        for c in Claim.objects.filter(pk__in=[accepted.pk, edited.pk])
    }

    # A newer extractor that finds the quotes at different spans and words them differently.
    from claims import extraction

    real = extraction.extract

    def newer(text, published=None, **kwargs):
        found = real(text, published=published, **kwargs)
        return [dataclasses.replace(claim, text=claim.text.upper()) for claim in found]

    monkeypatch.setattr(extraction, "extract", newer)
    monkeypatch.setattr(extraction, "ENGINE_VERSION", "9.9.9")
    # Stored before the engine said which rule found each appearance.
    Appearance.objects.update(rule="", resolution="")
    result = reextraction.reextract_source(source_id=source.pk, user=editor)

    for pk, before in snapshot.items():
        claim = Claim.objects.get(pk=pk)
        after = (
            claim.text,
            claim.speaker_id,
            claim.state,
            claim.notes,
            sorted(claim.appearances.values_list("start", "end")),
        )
        assert after == before
    assert not Claim.objects.filter(pk=untouched.pk).exists()  # machine output, replaced
    replacement = Claim.objects.get(text__contains="NOTHING WILL CHANGE")
    assert replacement.speaker.name == "Cy Dunn" and replacement.appearances.get().source == source
    assert result.kept_curated == 2 and result.appearances_replaced == 1
    # The kept appearances, found again at their place, now say which rule found them.
    assert result.appearances_explained == 2
    kept = Appearance.objects.filter(claim__in=[accepted.pk, edited.pk])
    assert all(a.rule in RULES and a.resolution for a in kept)
    source.refresh_from_db()
    assert source.extractor_version == "9.9.9"
    # Running it again changes nothing.
    before = totals()
    reextraction.reextract_source(source_id=source.pk, user=editor)
    assert totals() == before


def _stored(article: str, version: str) -> Source:
    pipeline.store_article(articles.parse_text(article), raw=article)
    source = Source.objects.order_by("-pk").first()
    Source.objects.filter(pk=source.pk).update(extractor_version=version)
    return source


OTHER_ARTICLE = 'date 2024-05-03\n\nFerry.\n\n"The ferry stays," the harbour master, Di Lowe, said.'


def test_rerunning_extraction_after_an_edit_makes_no_claim_without_an_appearance():
    editor = member("Editor")
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    source = Source.objects.get()
    edited = Claim.objects.get(speaker__name="Bo Hale")
    workflow.claim_edit(claim_id=edited.pk, changes={"text": "Fees rose sharply last year"}, user=editor)
    before = Claim.objects.count()
    reextraction.reextract_source(source_id=source.pk, user=editor)
    assert not Claim.objects.filter(appearances__isnull=True).exists()
    assert Claim.objects.count() == before
    edited.refresh_from_db()
    assert edited.text == "Fees rose sharply last year" and edited.appearances.count() == 1


def test_reextract_command_reads_again_only_what_an_earlier_extractor_read():
    editor = member("Editor")
    old = _stored(ARTICLE, "0.1.0")
    current = _stored(OTHER_ARTICLE, extraction.ENGINE_VERSION)
    curated = Claim.objects.get(speaker__name="Ada Quill")
    workflow.claim_transition(claim_id=curated.pk, to_state=Claim.State.ACCEPTED, user=editor)
    untouched_current = sorted(Appearance.objects.filter(source=current).values_list("pk", flat=True))
    machine_old = set(
        Appearance.objects.filter(source=old).exclude(claim=curated).values_list("pk", flat=True)
    )

    out = io.StringIO()
    call_command("reextract", stdout=out)

    old.refresh_from_db()
    assert old.extractor_version == extraction.ENGINE_VERSION
    assert sorted(Appearance.objects.filter(source=current).values_list("pk", flat=True)) == untouched_current
    assert Claim.objects.get(pk=curated.pk).state == Claim.State.ACCEPTED
    renewed = set(Appearance.objects.filter(source=old).exclude(claim=curated).values_list("pk", flat=True))
    assert len(renewed) == len(machine_old) == 2 and not renewed & machine_old
    report = out.getvalue()
    assert "1 sources read by an earlier extractor (0.1.0)" in report
    assert "1/1 sources re-extracted" in report
    assert "1 curated claims kept" in report

    again = io.StringIO()
    call_command("reextract", stdout=again)
    assert "0 sources read by an earlier extractor (none)" in again.getvalue()


def test_reextract_command_dry_run_and_limit():
    first, second = _stored(ARTICLE, "0.1.0"), _stored(OTHER_ARTICLE, "0.2.0")
    out = io.StringIO()
    call_command("reextract", "--dry-run", stdout=out)
    assert "2 sources read by an earlier extractor (0.1.0, 0.2.0)" in out.getvalue()
    assert reextraction.outdated_sources().count() == 2
    call_command("reextract", "--limit", "1", stdout=io.StringIO())
    assert list(reextraction.outdated_sources().values_list("pk", flat=True)) == [second.pk]
    first.refresh_from_db()
    assert first.extractor_version == extraction.ENGINE_VERSION
    with pytest.raises(CommandError, match="at least 1"):
        call_command("reextract", "--limit", "0")


def test_reextraction_from_the_source_page():
    editor = logged_in(member("Editor"))
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    source = Source.objects.get()
    page = editor.get(reverse("admin:claims_source_change", args=[source.pk])).content.decode()
    assert "Re-run extraction" in page and page.count("<mark") >= 3
    response = editor.post(reverse("admin:claims_source_reextract", args=[source.pk]), follow=True)
    assert "kept 3 curated claims" not in messages_of(response)
    assert "kept 0 curated claims, replaced 3 machine appearances" in messages_of(response)


def test_source_page_shows_article_markup_as_text():
    editor = logged_in(member("Editor"))
    text = 'Intro <script>alert("x")</script>.\n\n"We <b>will</b> win," she said.'
    source = SourceFactory(text=text)
    start = text.index('"We')
    AppearanceFactory(source=source, start=start, end=start + 20, text=text[start : start + 20])
    page = editor.get(reverse("admin:claims_source_change", args=[source.pk])).content.decode()
    assert '<script>alert("x")</script>' not in page and "<b>will</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


# --- jobs ----------------------------------------------------------------------------------------


def test_a_failed_job_is_retried_from_its_page(django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("claims.ingest.tasks.ingest_job.delay", lambda job_id: sent.append(job_id))
    editor = logged_in(member("Editor"))
    job = IngestJobFactory(state=IngestJob.State.FAILED, error="Connection refused", attempts=5)
    page = editor.get(reverse("admin:claims_ingestjob_change", args=[job.pk])).content.decode()
    assert "Connection refused" in page and ">Retry</button>" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("admin:claims_ingestjob_retry", args=[job.pk]), follow=True)
    assert f"Job {job.pk} queued again" in messages_of(response)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == (IngestJob.State.QUEUED, 0, "")
    assert sent == [job.pk]


# --- roles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "may_rate_and_publish"),
    [("Editor", False), ("Reviewer", True)],
)
def test_what_each_role_can_do(role, may_rate_and_publish):
    user = member(role)
    client = logged_in(user)
    claim = AppearanceFactory(claim__state=Claim.State.NEW).claim
    # Both curate: list, filter, open, accept, assign, split, merge speakers.
    assert client.get(reverse(CHANGELIST), {"state": "new", "assigned": "nobody"}).status_code == 200
    assert client.get(reverse("admin:claims_claim_change", args=[claim.pk])).status_code == 200
    client.post(reverse(CHANGELIST), {"action": "make_accepted", "_selected_action": [claim.pk]})
    client.post(reverse(CHANGELIST), {"action": "assign_to_me", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    assert (claim.state, claim.assigned_to) == (Claim.State.ACCEPTED, user)
    assert client.get(reverse("admin:claims_ingestjob_submit")).status_code == 200
    # Only the reviewer rates and publishes.
    client.post(reverse("admin:claims_claim_verdict", args=[claim.pk]), {"rating": 4, "explanation": "ok"})
    client.post(reverse(CHANGELIST), {"action": "make_reviewed", "_selected_action": [claim.pk]})
    client.post(reverse(CHANGELIST), {"action": "make_published", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    if may_rate_and_publish:
        assert (claim.state, claim.verdict.value) == (Claim.State.PUBLISHED, 4)
    else:
        assert (claim.state, claim.verdict) == (Claim.State.ACCEPTED, None)
    # Neither deletes claims or edits the rating scale.
    assert client.post(reverse("admin:claims_claim_delete", args=[claim.pk])).status_code == 403
    assert client.get(reverse("admin:claims_rating_add")).status_code == 403


def test_staff_without_a_role_cannot_curate():
    client = logged_in(member(None, "nobody"))
    claim = ClaimFactory()
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(reverse("admin:claims_claim_split", args=[claim.pk])).status_code == 403
    assert client.post(
        reverse("admin:claims_source_reextract", args=[AppearanceFactory().source_id])
    ).status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        reextraction.reextract_source(
            source_id=Source.objects.first().pk, user=UserFactory(username="outsider")
        )
    with pytest.raises(PermissionDenied):
        speakers.merge_speakers(
            target_id=SpeakerFactory().pk,
            other_ids=[SpeakerFactory().pk],
            user=UserFactory(username="outsider2"),
        )


# --- lists at scale --------------------------------------------------------------------------------


def test_lists_say_more_than_the_cap_instead_of_counting_everything(monkeypatch):
    from claims.admin.filters import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "CAP", 5)
    ClaimFactory.create_batch(7)
    page = logged_in(member("Editor")).get(reverse(CHANGELIST)).content.decode()
    assert "More than 5 claims" in page


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"state": "new", "kind": "direct", "checkworthiness": "high"},
        {"assigned": "me", "seen_from": "2020-01-01", "seen_until": "2030-12-31"},
        {"publisher": "1", "verdict__id__exact": "1"},
        {"q": "statement"},
        {"o": "5"},
    ],
)
def test_claim_lists_use_a_bounded_number_of_queries(django_assert_max_num_queries, query):
    editor = member("Editor")
    for i in range(40):
        appearance = AppearanceFactory(claim__checkworthiness=0.9)
        workflow.claim_assign(
            claim_ids=[appearance.claim_id], assignee=editor, user=editor
        ) if i % 2 else None
    if "speaker" in query:
        query["speaker"] = str(Claim.objects.first().speaker_id)
    client = logged_in(editor)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(CHANGELIST), query)
    assert response.status_code == 200


def test_speaker_filter_by_id_lists_that_speakers_claims():
    editor = logged_in(member("Editor"))
    ada = SpeakerFactory(name="Ada Quill")
    ClaimFactory(speaker=ada, text="ada says this")
    ClaimFactory(text="someone else says that")
    page = editor.get(reverse(CHANGELIST), {"speaker": ada.pk}).content.decode()
    assert "ada says this" in page and "someone else says that" not in page
    speaker_page = editor.get(reverse("admin:claims_speaker_change", args=[ada.pk])).content.decode()
    assert f"?speaker={ada.pk}" in speaker_page


def test_date_range_and_publisher_filters():
    editor = logged_in(member("Editor"))
    old = AppearanceFactory(claim__text="old claim words").claim
    new = AppearanceFactory(claim__text="new claim words").claim
    Claim.objects.filter(pk=old.pk).update(first_seen="2020-03-01T12:00:00Z")
    page = editor.get(reverse(CHANGELIST), {"seen_from": "2021-01-01"}).content.decode()
    assert "new claim words" in page and "old claim words" not in page
    page = editor.get(reverse(CHANGELIST), {"seen_until": "2020-03-01"}).content.decode()
    assert "old claim words" in page and "new claim words" not in page
    publisher = new.appearances.get().source.publisher
    page = editor.get(reverse(CHANGELIST), {"publisher": publisher.pk}).content.decode()
    assert "new claim words" in page and "old claim words" not in page


@pytest.mark.parametrize("page", ["claim", "source", "speaker"])
def test_change_pages_use_a_bounded_number_of_queries(django_assert_max_num_queries, page):
    editor = member("Editor")
    claim = ClaimFactory()
    source = SourceFactory(text="x" * 5000)
    for i in range(30):
        AppearanceFactory(claim=claim, source=source, start=i * 100, end=i * 100 + 50)
        AppearanceFactory(claim=ClaimFactory(), source=source, start=i * 100 + 60, end=i * 100 + 90)
    for _ in range(5):
        workflow.claim_assign(claim_ids=[claim.pk], assignee=editor if _ % 2 else None, user=editor)
    url = {
        "claim": reverse("admin:claims_claim_change", args=[claim.pk]),
        "source": reverse("admin:claims_source_change", args=[source.pk]),
        "speaker": reverse("admin:claims_speaker_change", args=[claim.speaker_id]),
    }[page]
    client = logged_in(editor)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_rating_stays_outside_curation():
    assert Rating.objects.count() == 7  # the common scale (migration 0045)
