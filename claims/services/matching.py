"""Claims that are the same statement, found through the anchor index (ClaimAnchor).

Ingestion asks best_matches() for the claims a new article's statements are variants of; the
similar-claim search (API and admin) asks similar(). Both read a bounded number of index rows
per anchor (the newest claims), so the cost does not grow with the table; the decisions are
claims.similarity's.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from claims import similarity
from claims.models import Claim, ClaimAnchor
from claims.selectors import search_text
from claims.services import hashes
from claims.services.inserts import insert_numbers

PER_VALUE = 30  # claims read per anchor: a phrase in thousands of claims is not what identifies one
MAX_CANDIDATES = 200  # claims scored per text, those sharing the most anchors first


def shared_anchors(values: Iterable[int]) -> dict[int, int]:
    """{claim id: how many of `values` it has}, reading at most PER_VALUE claims per value."""
    return hashes.owners_sharing(ClaimAnchor, "claim", values, PER_VALUE)


def _top(hits: dict[int, int]) -> list[int]:
    return sorted(hits, key=lambda pk: (-hits[pk], -pk))[:MAX_CANDIDATES]


@dataclass(frozen=True, slots=True)
class Match:
    claim_id: int
    decision: similarity.Decision


def best_matches(statements: list[tuple[str, int | None]]) -> list[Match | None]:
    """For each (text, speaker id), the existing claim of that speaker it should be merged into,
    or None (always None without a speaker: a merge needs the same speaker). One index query and
    one claims query."""
    words = [similarity.words(text) for text, _ in statements]
    wanted: dict[int, set[int]] = {}
    for ws, (_, speaker_id) in zip(words, statements, strict=True):
        if speaker_id is not None:
            wanted.setdefault(speaker_id, set()).update(similarity.query_anchors(ws))
    candidates: list[int] = []
    per_speaker = hashes.owners_sharing_per_group(ClaimAnchor, "claim", "speaker_id", wanted, PER_VALUE)
    for hits in per_speaker.values():
        candidates += _top(hits)
    if not candidates:
        return [None] * len(statements)
    claims: dict[int, list[tuple[int, list[str]]]] = {}  # speaker: (claim id, words)
    rows = Claim.objects.filter(pk__in=candidates).values_list("pk", "text", "speaker_id")
    for pk, text, speaker in rows:
        claims.setdefault(speaker, []).append((pk, similarity.words(text)))
    out: list[Match | None] = []
    for ws, (_, speaker_id) in zip(words, statements, strict=True):
        best: Match | None = None
        for pk, other in claims.get(speaker_id, []) if speaker_id is not None else []:
            if similarity.overlap_bound(ws, other) < similarity.MERGE_AT:
                continue  # cannot reach a merge: skip the alignment
            decision = similarity.decide(ws, other, same_speaker=True)
            if decision.action == "merge" and (best is None or decision.score > best.decision.score):
                best = Match(pk, decision)
        out.append(best)
    return out


def variants_among(
    statements: list[tuple[str, int | None, int]],
) -> list[tuple[int, similarity.Decision] | None]:
    """For each (text, speaker id, article) of a batch being stored, the earlier statement (its
    index) of the same speaker in another article that it would merge into had that one been
    stored first, with the decision; or None. Compared only when they share an anchor, as the
    index would have found them."""
    out: list[tuple[int, similarity.Decision] | None] = []
    roots: dict[
        int, list[tuple[int, list[str], set[int], int]]
    ] = {}  # speaker: (index, words, anchors, article)
    for index, (text, speaker_id, article) in enumerate(statements):
        ws = similarity.words(text)
        best: tuple[int, similarity.Decision] | None = None
        if speaker_id is not None:
            looked_up = similarity.query_anchors(ws)
            for other, other_words, other_anchors, other_article in roots.get(speaker_id, []):
                if other_article == article or looked_up.isdisjoint(other_anchors):
                    continue
                if similarity.overlap_bound(ws, other_words) < similarity.MERGE_AT:
                    continue
                decision = similarity.decide(ws, other_words, same_speaker=True)
                if decision.action == "merge" and (best is None or decision.score > best[1].score):
                    best = (other, decision)
            if best is None:
                roots.setdefault(speaker_id, []).append((index, ws, similarity.anchors(ws), article))
        out.append(best)
    return out


def link_paraphrases(claims: list[Claim]) -> int:
    """Link each new reported statement (indirect or mixed, with a speaker) to the same speaker's
    quotation it paraphrases, when confident (similarity.PARAPHRASE_AT). Linked, never merged: a
    paraphrase is the reporter's wording. Returns how many were linked."""
    reported = [c for c in claims if c.kind in (Claim.Kind.REPORTED, Claim.Kind.MIXED) and c.speaker_id]
    if not reported:
        return 0
    words = {c.pk: similarity.words(c.text) for c in reported}
    hits = shared_anchors(set().union(*(similarity.query_anchors(ws) for ws in words.values())))
    quotations = list(
        Claim.objects.filter(
            pk__in=_top(hits), kind=Claim.Kind.DIRECT, speaker_id__in={c.speaker_id for c in reported}
        )
        .exclude(pk__in=words)
        .values_list("pk", "text", "speaker_id")
    )
    linked = 0
    for claim in reported:
        best, best_score = None, 0.0
        for pk, text, speaker_id in quotations:
            if speaker_id == claim.speaker_id:
                score = similarity.paraphrase_score(words[claim.pk], similarity.words(text))
                if score >= similarity.PARAPHRASE_AT and score > best_score:
                    best, best_score = pk, score
        if best is not None:
            Claim.objects.filter(pk=claim.pk).update(paraphrase_of=best, paraphrase_score=best_score)
            linked += 1
    return linked


def index(claims: Iterable[tuple[int, str, int | None]]) -> int:
    """Store the anchors of these (id, text, speaker id) claims; returns how many rows were written."""
    rows = [
        (pk, value, speaker_id)
        for pk, text, speaker_id in claims
        for value in similarity.anchors(similarity.words(text))
    ]
    insert_numbers(ClaimAnchor, ["claim", "value", "speaker_id"], rows)
    return len(rows)


def speaker_changed(claim_ids: Iterable[int], speaker_id: int | None) -> None:
    """Keep the anchors' copy of the speaker in step (an edit, a speaker merge)."""
    ClaimAnchor.objects.filter(claim_id__in=list(claim_ids)).update(speaker_id=speaker_id)


@dataclass(frozen=True, slots=True)
class Similar:
    claim: Claim
    score: float
    would_merge: bool  # the same speaker given, and alike enough that ingestion would merge them


def similar(
    text: str,
    claims: QuerySet[Claim],
    *,
    limit: int = 10,
    since: dt.datetime | None = None,
    speaker_id: int | None = None,
    exclude: int | None = None,
) -> list[Similar]:
    """The claims (among `claims`) most like `text`, best first. Texts too short for anchors are
    looked up by full-text search instead. Only ever suggestions: nothing is merged here."""
    ws = similarity.words(text)
    if not ws:
        return []
    ids = _top(shared_anchors(similarity.query_anchors(ws)))
    if len(ws) < similarity.K + 2 or not ids:
        ids += list(search_text(claims, text).order_by("-pk").values_list("pk", flat=True)[:50])
    found = claims.filter(pk__in=ids).select_related("speaker", "verdict")
    if since is not None:
        found = found.filter(first_seen__gte=since)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    scored = []
    for claim in found:
        other = similarity.words(claim.text)
        shorter, longer = sorted((len(ws), len(other)))
        contained = similarity.containment(ws, other)  # aligned once: the costly step
        # Symmetric for ranking: the share of the shorter text in the longer one, averaged with
        # the share of the longer one it covers (1.0 only for texts of the same length).
        score = round((contained + contained * shorter / longer) / 2, 3)
        same = speaker_id is not None and speaker_id == claim.speaker_id
        if score >= 0.3:
            would_merge = similarity.judge(contained, shorter, same).action == "merge"
            scored.append(Similar(claim, score, would_merge))
    scored.sort(key=lambda s: (-s.score, -s.claim.pk))
    return scored[:limit]
