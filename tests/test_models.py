"""Who may see drafts, and what each user sees: one rule on the models (claims.models.may_see_drafts
and the visible_to querysets), which the API, the exports, search, webhooks and notifications read."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from claims.extraction import types as engine_types
from claims.models import Claim, ClaimKind, ClaimStance, IngestJob, Publisher, Source, Speaker, may_see_drafts
from tests.factories import AppearanceFactory, IngestJobFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(db):
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    gone = UserFactory(username="gone", is_active=False)
    gone.groups.add(Group.objects.get(name="Editor"))
    return {
        "nobody": None,
        "anonymous": AnonymousUser(),
        "no rights": UserFactory(username="plain"),
        "staff, no group": UserFactory(username="staff", is_staff=True),
        "inactive editor": gone,
        "superuser": UserFactory(username="root", is_superuser=True),
        "editor": editor,
        "view_claim alone": viewer,
    }


SIGHTED = {"superuser", "editor", "view_claim alone"}


def test_may_see_drafts_needs_an_active_account_with_view_claim(users):
    assert {name for name, user in users.items() if may_see_drafts(user)} == SIGHTED


def test_what_each_user_sees(users):
    published = AppearanceFactory(claim__state=Claim.State.PUBLISHED)
    draft = AppearanceFactory(claim__state=Claim.State.REVIEWED)
    unheard = SpeakerFactory()  # no claim at all
    everything = {
        Claim: {published.claim_id, draft.claim_id},
        Speaker: {published.claim.speaker_id, draft.claim.speaker_id, unheard.pk},
        Source: {published.source_id, draft.source_id},
        Publisher: {published.source.publisher_id, draft.source.publisher_id},
    }
    public = {
        Claim: {published.claim_id},
        Speaker: {published.claim.speaker_id},
        Source: {published.source_id},
        Publisher: {published.source.publisher_id},
    }
    for name, user in users.items():
        for model in (Claim, Speaker, Source, Publisher):
            seen = set(model.objects.visible_to(user).values_list("pk", flat=True))
            assert seen == (everything if name in SIGHTED else public)[model], (name, model)
        assert published.claim.is_visible_to(user)
        assert draft.claim.is_visible_to(user) == (name in SIGHTED), name
    for model in (Claim, Speaker, Source, Publisher):
        assert set(model.objects.published().values_list("pk", flat=True)) == public[model]


def test_ingest_jobs_are_seen_by_those_who_may_view_them_and_by_who_submitted_them(users):
    submitter = users["no rights"]
    theirs, other = IngestJobFactory(submitted_by=submitter), IngestJobFactory()
    assert set(IngestJob.objects.visible_to(submitter)) == {theirs}
    assert set(IngestJob.objects.visible_to(users["editor"])) == {theirs, other}
    assert set(IngestJob.objects.visible_to(users["anonymous"])) == set()
    assert set(IngestJob.objects.visible_to(users["inactive editor"])) == set()


def test_the_models_kinds_and_stances_are_the_engines():
    """The models own their choices and import no engine code; the engine's ClaimKind and Stance
    are the same values with the same labels, in the same order."""
    assert ClaimKind.choices == [
        (kind.value, engine_types.KIND_LABELS[kind]) for kind in engine_types.ClaimKind
    ]
    assert ClaimStance.choices == [
        (stance.value, engine_types.STANCE_LABELS[stance]) for stance in engine_types.Stance
    ]
