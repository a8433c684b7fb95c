"""Claims as JSON-ready dicts, built by hand for the hot read paths (list and detail).

DRF's ModelSerializer rebuilds its fields for every request, which cost more than the SQL
itself at a million claims. These functions produce exactly what ClaimSerializer documents
(tests/api/test_representations.py holds them equal); the serializer remains the schema.
"""

from datetime import date, datetime

from claims.models import Appearance, Claim, Speaker


def _datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def speaker(s: Speaker | None) -> dict | None:
    if s is None:
        return None
    return {
        "id": s.pk,
        "name": s.name,
        "kind": s.kind,
        "aliases": s.aliases,
        "description": s.description,
        "wikidata_id": s.wikidata_id,
    }


def appearance(a: Appearance) -> dict:
    return {
        "id": a.pk,
        "source": a.source_id,
        "source_url": a.source.url,
        "source_published_on": _date(a.source.published_on),
        "text": a.text,
        "start": a.start,
        "end": a.end,
        "parts": a.parts,
        "speaker_mention": a.speaker_mention,
        "role": a.role,
        "cue": a.cue,
        "said_on": _date(a.said_on),
    }


def claim(c: Claim) -> dict:
    """`c` with speaker and verdict selected and appearances (with sources) prefetched."""
    return {
        "id": c.pk,
        "text": c.text,
        "kind": c.kind,
        "state": c.state,
        "speaker": speaker(c.speaker),
        "verdict": c.verdict.label if c.verdict_id else None,
        "verdict_explanation": c.verdict_explanation,
        "checkworthiness": c.checkworthiness,
        "first_seen": _datetime(c.first_seen),
        "appearances": [appearance(a) for a in c.appearances.all()],
    }
