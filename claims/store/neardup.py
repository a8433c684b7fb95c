"""Near-duplicate sources: the same wire story republished by several outlets, lightly edited.

Each source keeps a bottom-k sketch of its sentences (the K smallest hashes of its normalised
sentences of at least MIN_WORDS words, in SourceSketch). Two sources' resemblance (the Jaccard
similarity of their sentence sets) is estimated from their sketches alone; candidates are found
through the index on the hash, so a new source is compared with the few that share sentences,
never with every source. Sentences, not word shingles: wire copy keeps sentences whole and edits
around them (a new headline, a dropped paragraph, the outlet's own credit line).
"""

import hashlib
import re
from collections import Counter

from claims.inserts import insert_numbers
from claims.models import Source, SourceSketch
from claims.store import hashes

K = 24
MIN_WORDS = 6  # shorter sentences ("He declined to comment.") are shared by unrelated stories
MIN_SHARED = 3  # sketch values two sources must share to be compared at all
THRESHOLD = 0.35  # estimated resemblance from which a source is a near-duplicate (an edited wire copy shares about 40% of sentences)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+|\n+")
_NOT_WORD = re.compile(r"[^\w]+")


def sketch(text: str) -> list[int]:
    values = set()
    for sentence in _SENTENCE_END.split(text):
        words = _NOT_WORD.sub(" ", sentence.casefold()).split()
        if len(words) >= MIN_WORDS:
            digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
            values.add(int.from_bytes(digest, "big", signed=True))
    return sorted(values)[:K]


def resemblance(a: list[int], b: list[int]) -> float:
    """The bottom-k estimate of the Jaccard similarity of two sentence sets, from their sketches."""
    union = sorted(set(a) | set(b))[:K]
    if not union:
        return 0.0
    both = set(a) & set(b)
    return sum(1 for value in union if value in both) / len(union)


# Candidates are read through the index on the hash, at most PER_VALUE sources (the newest) for
# each sentence: a sentence that hundreds of stories share is boilerplate, and reading all of
# them would make each new source slower than the last.
PER_VALUE = 20


def record(sources: list[Source]) -> dict[int, int | None]:
    """Keep each new source's sketch and link it to the source it republishes, if any: a source
    stored before, or one earlier in `sources`, as recording them one by one would. Returns
    {source id: the id of the first of its chain of copies, or None}. Four statements in all."""
    sketches = {source.pk: sketch(source.text) for source in sources}
    values = set().union(*sketches.values())
    # Candidates: sources sharing sketch values, read through the index on the value.
    stored = hashes.owners_by_value(SourceSketch, "source", values, PER_VALUE)
    candidates: dict[int, list[int]] = {}
    earlier: dict[int, list[int]] = {}  # value: the sources of this batch before, that have it
    for source in sources:
        own = sketches[source.pk]
        if len(own) >= MIN_SHARED:
            shared = Counter(
                pk
                for value in own
                for pk in (*stored.get(value, ()), *earlier.get(value, ()))
                if pk != source.pk
            )
            sharing = [pk for pk, n in shared.items() if n >= MIN_SHARED]
            candidates[source.pk] = sorted(sharing, key=lambda pk: (-shared[pk], pk))[:10]
        for value in own:
            earlier.setdefault(value, []).append(source.pk)
    # Compared on their whole sketches: those of stored candidates are read in one go.
    everyone = dict(sketches)
    outside = {pk for ids in candidates.values() for pk in ids} - set(sketches)
    for pk, value in SourceSketch.objects.filter(source_id__in=outside).values_list("source_id", "value"):
        everyone.setdefault(pk, []).append(value)
    similar = {
        pk: min(
            (c for c in ids if resemblance(sketches[pk], sorted(everyone.get(c, []))) >= THRESHOLD),
            default=None,
        )
        for pk, ids in candidates.items()
    }
    # A copy points at the first of a chain: a stored original's own original, if it has one.
    chains = dict(
        Source.objects.filter(pk__in={pk for pk in similar.values() if pk in outside}).values_list(
            "pk", "near_duplicate_of_id"
        )
    )
    originals: dict[int, int | None] = {}
    for source in sources:
        first = similar.get(source.pk)
        root = (
            None if first is None else (chains.get(first) if first in outside else originals[first]) or first
        )
        originals[source.pk] = root
        if root is not None:
            source.near_duplicate_of_id = root
            Source.objects.filter(pk=source.pk).update(near_duplicate_of=root)
    insert_numbers(
        SourceSketch, ["source", "value"], [(pk, value) for pk, own in sketches.items() for value in own]
    )
    return originals
