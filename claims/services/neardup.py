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

from claims.models import Source, SourceSketch
from claims.services import hashes

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


def _candidates(source_id: int, values: list[int]) -> dict[int, int]:
    """{source id: how many of `values` its sketch shares}, for the other sources sharing any."""
    return hashes.owners_sharing(SourceSketch, "source", values, PER_VALUE, unequal={"source": source_id})


def find_original(source_id: int, values: list[int]) -> Source | None:
    """The earliest other source that this one resembles, or None."""
    if len(values) < MIN_SHARED:
        return None
    shared = _candidates(source_id, values)
    ids = sorted((pk for pk, n in shared.items() if n >= MIN_SHARED), key=lambda pk: (-shared[pk], pk))[:10]
    if not ids:
        return None
    sketches: dict[int, list[int]] = {pk: [] for pk in ids}
    for pk, value in SourceSketch.objects.filter(source_id__in=ids).values_list("source_id", "value"):
        sketches[pk].append(value)
    similar = sorted(pk for pk in ids if resemblance(values, sorted(sketches[pk])) >= THRESHOLD)
    if not similar:
        return None
    original = Source.objects.get(pk=similar[0])
    return original.near_duplicate_of or original  # point at the first of a chain


def record(source: Source) -> Source | None:
    """Keep the new source's sketch and link it to the source it republishes, if any."""
    values = sketch(source.text)
    original = find_original(source.pk, values)
    SourceSketch.objects.bulk_create(
        [SourceSketch(source=source, value=value) for value in values], ignore_conflicts=True
    )
    if original is not None:
        Source.objects.filter(pk=source.pk).update(near_duplicate_of=original)
        source.near_duplicate_of = original
    return original
