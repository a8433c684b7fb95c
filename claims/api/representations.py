"""Claims as JSON-ready dicts, built by hand for the hot read paths (list and detail).

DRF's ModelSerializer rebuilds its fields for every request, which cost more than the SQL
itself at a million claims. These functions produce exactly what ClaimSerializer documents
(tests/api/test_representations.py holds them equal); the serializer remains the schema.
"""

from datetime import date, datetime

from django.db.models import QuerySet

from claims.models import Appearance, Claim, Speaker, moment_link
from claims.serve import statements


def _datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


# What the API shows of a speaker besides its id, read from a model or from a row's speaker__ columns.
_SPEAKER_FIELDS = ("name", "kind", "aliases", "description", "wikidata_id")


def speaker(s: Speaker | None) -> dict | None:
    if s is None:
        return None
    return {"id": s.pk, **{field: getattr(s, field) for field in _SPEAKER_FIELDS}}


# The columns appearance_rows() reads, in the order _appearance_row() takes them.
_APPEARANCE_COLUMNS = (
    "claim_id",
    "id",
    "source_id",
    "source__url",
    "source__published_on",
    "text",
    "start",
    "end",
    "parts",
    "speaker_mention",
    "speaker_kind",
    "role",
    "cue",
    "said_on",
    "said_on_basis",
    "stance",
    "rule",
    "resolution",
    "timecode",
    "source__media_url",
)


def appearance_rows(claim_ids: list[int]) -> QuerySet:
    """The appearances of these claims as plain rows, in claim order: the one query a page of
    claims needs for them. Rows, not models: a page holds a hundred or so, and building Appearance,
    Source and Publisher objects (and Django's per-claim prefetch querysets) cost more than the SQL."""
    return (
        Appearance.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "pk")
        .values_list(*_APPEARANCE_COLUMNS)
    )


def _appearance_row(row: tuple) -> dict:
    (
        _,
        pk,
        source_id,
        url,
        published_on,
        text,
        start,
        end,
        parts,
        mention,
        speaker_kind,
        role,
        cue,
        said_on,
        basis,
        stance,
        rule,
        how,
        timecode,
        media_url,
    ) = row
    return {
        "id": pk,
        "source": source_id,
        "source_url": url,
        "source_published_on": _date(published_on),
        "text": text,
        "start": start,
        "end": end,
        "parts": parts,
        "speaker_mention": mention,
        "speaker_kind": speaker_kind,
        "role": role,
        "cue": cue,
        "said_on": _date(said_on),
        "said_on_basis": basis,
        "stance": stance,
        "rule": rule,
        "resolution": how,
        "timecode": timecode,
        "moment_url": moment_link(media_url, timecode),
    }


def _appearances_of(claim_ids: list[int]) -> dict[int, list[dict]]:
    appearances: dict[int, list[dict]] = {pk: [] for pk in claim_ids}
    if claim_ids:
        for row in appearance_rows(claim_ids):
            appearances[row[0]].append(_appearance_row(row))
    return appearances


def claims(page: list[Claim]) -> list[dict]:
    """Claims (speaker and verdict selected) as the API shows them, appearances read in one query."""
    appearances = _appearances_of([c.pk for c in page])
    return [_claim(c, appearances[c.pk]) for c in page]


# What a list page reads of each claim, as rows (QuerySet.values): the same join as
# select_related("speaker", "verdict"), without building three model objects a claim. "pk" and
# "id" both, for the cursor paginator, which reads the position under the ordering's own name.
CLAIM_COLUMNS = (
    "pk",
    "id",
    "text",
    "kind",
    "stance",
    "state",
    "verdict_explanation",
    "checkworthiness",
    "first_seen",
    "speaker_id",
    *(f"speaker__{field}" for field in _SPEAKER_FIELDS),
    "verdict__label",
)


def claim_rows(page: list[dict]) -> list[dict]:
    """Rows of CLAIM_COLUMNS as the API shows claims (exactly what claims() gives for the models)."""
    appearances = _appearances_of([row["pk"] for row in page])
    return [
        _shown(
            row["pk"],
            text=row["text"],
            kind=row["kind"],
            stance=row["stance"],
            state=row["state"],
            speaker=None
            if row["speaker_id"] is None
            else {"id": row["speaker_id"], **{field: row[f"speaker__{field}"] for field in _SPEAKER_FIELDS}},
            verdict=row["verdict__label"],
            explanation=row["verdict_explanation"],
            checkworthiness=row["checkworthiness"],
            first_seen=row["first_seen"],
            appearances=appearances[row["pk"]],
        )
        for row in page
    ]


def claim(c: Claim) -> dict:
    """One claim (speaker and verdict selected) as the API shows it."""
    return claims([c])[0]


def _claim(c: Claim, appearances: list[dict]) -> dict:
    return _shown(
        c.pk,
        text=c.text,
        kind=c.kind,
        stance=c.stance,
        state=c.state,
        speaker=speaker(c.speaker),
        verdict=c.verdict.label if c.verdict is not None else None,
        explanation=c.verdict_explanation,
        checkworthiness=c.checkworthiness,
        first_seen=c.first_seen,
        appearances=appearances,
    )


def _shown(
    pk: int,
    *,
    text: str,
    kind: str,
    stance: str,
    state: str,
    speaker: dict | None,
    verdict: str | None,
    explanation: str,
    checkworthiness: float,
    first_seen: datetime | None,
    appearances: list[dict],
) -> dict:
    """The one shape of a claim in the API, whether read as a model or as a row."""
    return {
        "id": pk,
        "text": text,
        # The statement with its stance, as it may be shown: "X denied that ...", never the bare words.
        "statement": statements.checkable(
            text=text,
            stance=stance,
            speaker=speaker["name"] if speaker else None,
            cue=statements.first_cue(appearances),
        ),
        "kind": kind,
        "stance": stance,
        "state": state,
        "speaker": speaker,
        "verdict": verdict,
        "verdict_explanation": explanation,
        "checkworthiness": checkworthiness,
        "first_seen": _datetime(first_seen),
        "appearances": appearances,
    }
