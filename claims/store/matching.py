"""Claims that are the same statement, found through the anchor index (ClaimAnchor).

Ingestion asks best_matches() for the claims a new article's statements are variants of. It reads
a bounded number of index rows per anchor (the newest claims), so the cost does not grow with
the table; the decisions are claims.store.similarity's, deliberately strict. Search and "already
checked?" suggestions are claims.retrieval's; would_merge() tells them what a merge would do.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from claims.inserts import insert_numbers
from claims.models import Claim, ClaimAnchor
from claims.store import hashes, similarity

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


def would_merge(text: str, claim: Claim, speaker_id: int | None) -> bool:
    """Would ingestion attach a statement of `text` by `speaker_id` to `claim`? (The strict rule.)"""
    if speaker_id is None or speaker_id != claim.speaker_id:
        return False
    ws, other = similarity.words(text), similarity.words(claim.text)
    if not ws or not other:
        return False
    shorter = min(len(ws), len(other))
    return similarity.judge(similarity.containment(ws, other), shorter, True).action == "merge"


@dataclass(frozen=True, slots=True)
class Similar:
    claim: Claim
    score: float
    would_merge: bool  # the same speaker given, and alike enough that ingestion would merge them
