"""insert_missing_rows stores what Django's own INSERT stores, on either database (on PostgreSQL it
sends each column as one array), skips rows that conflict and returns only those it inserted."""

from datetime import date

import pytest

from claims.inserts import insert_missing_rows
from claims.models import Appearance
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

# Every kind of column an appearance has: text, numbers, null numbers, JSON, a date, a float, a
# choice, and text with quotes, a backslash, braces and a comma (what an array literal escapes).
VALUES = [
    {
        "text": '"We will {not} stop, \\ ever," she said',
        "start": 10,
        "end": 52,
        "parts": [[10, 30], [40, 52]],
        "speaker_mention": "Ms O'Hara",
        "speaker_start": 0,
        "speaker_end": 9,
        "speaker_kind": "person",
        "cue": "said",
        "stance": "denied",
        "said_on": date(2026, 3, 4),
        "said_on_basis": "stated",
        "match_score": 0.8125,
        "match_reason": "the same words",
        "rule": "quote-then-cue",
        "resolution": "named in the sentence",
        "timecode": 12.5,
    },
    {
        "text": "Prices rose",
        "start": 60,
        "end": 71,
        "parts": [],
        "speaker_mention": "",
        "speaker_start": None,
        "speaker_end": None,
        "speaker_kind": "",
        "cue": "",
        "stance": "asserted",
        "said_on": None,
        "said_on_basis": "",
        "match_score": None,
        "match_reason": "",
        "rule": "",
        "resolution": "",
        "timecode": None,
    },
]
COMPARED = list(VALUES[0])


def stored(source) -> list[dict]:
    return list(Appearance.objects.filter(source=source).order_by("start").values(*COMPARED, "claim_id"))


def test_rows_are_stored_as_djangos_own_insert_stores_them():
    claims = [ClaimFactory(indexed=False), ClaimFactory(indexed=False)]
    ours, djangos = SourceFactory(), SourceFactory()
    returned = insert_missing_rows(
        Appearance,
        [Appearance(claim=c, source=ours, **v) for c, v in zip(claims, VALUES, strict=True)],
        ["source"],
    )
    Appearance.objects.bulk_create(
        [Appearance(claim=c, source=djangos, **v) for c, v in zip(claims, VALUES, strict=True)]
    )

    assert stored(ours) == stored(djangos)
    assert stored(ours)[0]["parts"] == [[10, 30], [40, 52]]
    assert stored(ours)[0]["text"] == VALUES[0]["text"]
    ids = set(Appearance.objects.filter(source=ours).values_list("pk", flat=True))
    assert {pk for pk, _ in returned} == ids
    assert {source_id for _, source_id in returned} == {ours.pk}
    assert all(a.created_at is not None for a in Appearance.objects.filter(source=ours))


def test_conflicting_rows_are_skipped_and_not_returned():
    claim = ClaimFactory(indexed=False)
    source = SourceFactory()
    first = insert_missing_rows(Appearance, [Appearance(claim=claim, source=source, **VALUES[1])], [])
    again = insert_missing_rows(
        Appearance,
        [
            Appearance(claim=claim, source=source, **VALUES[1]),  # the same place in the same source
            Appearance(claim=claim, source=source, **VALUES[0]),
        ],
        ["source"],
    )

    assert len(first) == 1
    assert len(again) == 1
    assert Appearance.objects.filter(source=source).count() == 2


def test_a_column_left_to_its_database_default_gets_it():
    claim = ClaimFactory(indexed=False)
    source = SourceFactory()
    row = {k: v for k, v in VALUES[1].items() if k not in {"stance", "said_on_basis", "speaker_kind"}}
    appearance = Appearance(claim=claim, source=source, **row)
    # What a model object holds for a field that has a db_default and no default.
    assert type(appearance.said_on_basis).__name__ == "DatabaseDefault"

    insert_missing_rows(Appearance, [appearance], [])

    assert Appearance.objects.filter(source=source).values_list("said_on_basis", "speaker_kind").get() == (
        "",
        "",
    )


def test_a_value_of_another_type_than_its_column_is_prepared_by_its_field():
    claim = ClaimFactory(indexed=False)
    source = SourceFactory()
    row = VALUES[1] | {"cue": 5, "match_score": 1, "start": "60"}

    insert_missing_rows(Appearance, [Appearance(claim=claim, source=source, **row)], [])

    assert Appearance.objects.filter(source=source).values_list("cue", "match_score", "start").get() == (
        "5",
        1.0,
        60,
    )


def test_upsert_rows_inserts_the_new_and_updates_the_conflicting():
    from django.utils import timezone

    from claims.inserts import upsert_rows
    from claims.models import ClaimSearchEntry

    kept, changed, new = (ClaimFactory(indexed=False) for _ in range(3))
    now = timezone.now()
    ClaimSearchEntry.objects.create(
        claim=kept, document="old kept", embedding=b"\x01", model="m", indexed_at=now
    )
    ClaimSearchEntry.objects.create(
        claim=changed, document="old", embedding=b"\x02", model="m", indexed_at=now
    )

    upsert_rows(
        ClaimSearchEntry,
        [
            ClaimSearchEntry(claim=changed, document="new words", embedding=b"", model="", indexed_at=now),
            ClaimSearchEntry(claim=new, document="first words", embedding=b"", model="", indexed_at=now),
        ],
        unique_fields=["claim"],
        update_fields=["document", "model"],
    )

    rows = {
        e.claim_id: (e.document, bytes(e.embedding), e.model)
        for e in ClaimSearchEntry.objects.filter(claim__in=[kept, changed, new])
    }
    assert rows == {
        kept.pk: ("old kept", b"\x01", "m"),
        changed.pk: ("new words", b"\x02", ""),  # the embedding is not among the fields updated
        new.pk: ("first words", b"", ""),
    }
