"""The hand-built claim representation is exactly what ClaimSerializer (the documented schema) gives."""

from datetime import date

import pytest
from django.db.models import Prefetch

from claims.api import representations
from claims.api.serializers import ClaimSerializer
from claims.models import Appearance, Claim, Rating
from tests.factories import AppearanceFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def loaded(pk: int) -> Claim:
    appearances = Appearance.objects.select_related("source__publisher").order_by("claim_id", "pk")
    return (
        Claim.objects.select_related("speaker", "verdict")
        .prefetch_related(Prefetch("appearances", queryset=appearances))
        .get(pk=pk)
    )


def test_equal_to_the_serializer_for_every_shape_of_claim():
    rich = AppearanceFactory(
        said_on=date(2022, 1, 10), parts=[[0, 5], [9, 12]], role="the minister", cue="said"
    ).claim
    rich.verdict = Rating.objects.get(value=3)
    rich.verdict_explanation = "Partly."
    rich.save()
    AppearanceFactory(claim=rich, source__url=None, source__published_on=None)
    bare = ClaimFactory(speaker=None, kind="assertion", checkworthiness=0.125)
    denial = AppearanceFactory(cue="denied", stance="denied", claim__stance="denied").claim
    for pk in (rich.pk, bare.pk, denial.pk):
        claim = loaded(pk)
        assert representations.claim(claim) == ClaimSerializer(claim).data
    shown = representations.claim(loaded(denial.pk))
    assert shown["stance"] == "denied" and shown["appearances"][0]["stance"] == "denied"
    assert shown["statement"] == f"{denial.speaker.name} denied: {denial.text}"  # a quotation, quoted


def test_list_rows_equal_the_serializer_for_every_shape_of_claim():
    rich = AppearanceFactory(said_on=date(2022, 1, 10), parts=[[0, 5], [9, 12]], role="the minister").claim
    rich.verdict = Rating.objects.get(value=3)
    rich.save()
    AppearanceFactory(claim=rich, source__url=None)
    bare = ClaimFactory(speaker=None, kind="assertion", checkworthiness=0.125)
    question = AppearanceFactory(cue="asked", stance="questioned", claim__stance="questioned").claim
    ids = (rich.pk, bare.pk, question.pk)
    rows = list(Claim.objects.filter(pk__in=ids).order_by("pk").values(*representations.CLAIM_COLUMNS))
    expected = [ClaimSerializer(loaded(pk)).data for pk in ids]
    assert representations.claim_rows(rows) == expected
