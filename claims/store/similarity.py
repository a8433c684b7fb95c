"""Is this the same statement? Word-level matching of claim texts. Pure Python, no Django.

The same quotation comes back trimmed, re-punctuated, re-cased or partly quoted. Texts are
compared as sequences of normalised words; the score is the share of the shorter text's words
that appear, in order, in the longer one (containment), so a partial quotation of a longer
statement scores 1.0. Candidates are found through anchors: hashes of K-word shingles (all of
them for short texts, the winnowed ones for long texts), which an index can look up.

The merge rule is deliberately strict, since a wrong merge hides a statement from editors: same
speaker, at least MIN_WORDS words in the shorter text, containment at least MERGE_AT. Short or
weaker matches are only suggested, never merged.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

K = 4  # words per shingle
WINDOW = 4  # a long text keeps the smallest shingle hash of every WINDOW consecutive ones (winnowing)
SHORT = 12  # a text of fewer words keeps every shingle
MIN_WORDS = 6  # below this, never merged automatically
MERGE_AT = 0.9
SUGGEST_AT = 0.6

_NOT_WORD = re.compile(r"[^\w]+")


def words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    plain = plain.replace("'s ", " ").replace("'", "")
    return _NOT_WORD.sub(" ", plain).split()


def _hash(shingle: tuple[str, ...]) -> int:
    digest = hashlib.blake2b(" ".join(shingle).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def anchors(ws: list[str]) -> set[int]:
    """The hashes an index keeps for these words: every shingle of a short text; for a long one,
    the smallest hash in every window of WINDOW shingles (winnowing, Schleimer et al. 2003),
    which guarantees that any run of K + WINDOW - 1 words it shares with another text is found."""
    if len(ws) < K:
        return {_hash(tuple(ws))} if ws else set()
    shingles = [_hash(tuple(ws[i : i + K])) for i in range(len(ws) - K + 1)]
    if len(ws) < SHORT or len(shingles) <= WINDOW:
        return set(shingles)
    return {min(shingles[i : i + WINDOW]) for i in range(len(shingles) - WINDOW + 1)}


def query_anchors(ws: list[str]) -> set[int]:
    """What to look up for a new text: every shingle, so that a short text finds the long one
    containing it whatever that one sampled."""
    if len(ws) < K:
        return {_hash(tuple(ws))} if ws else set()
    return {_hash(tuple(ws[i : i + K])) for i in range(len(ws) - K + 1)}


def containment(a: list[str], b: list[str]) -> float:
    """Share of the shorter sequence's words found, in order, in the longer one."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    blocks = SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / len(short)


@dataclass(frozen=True, slots=True)
class Decision:
    action: str  # "merge", "suggest" or "none"
    score: float
    reason: str


def overlap_bound(a: list[str], b: list[str]) -> float:
    """An upper bound of containment(a, b), cheap: the share of the shorter text's words that
    occur in the longer one at all (in order or not)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    present = set(long)
    return sum(1 for word in short if word in present) / len(short)


def decide(new: list[str], existing: list[str], same_speaker: bool) -> Decision:
    if overlap_bound(new, existing) < SUGGEST_AT:
        return Decision("none", 0.0, "")  # not even the words are there: no alignment needed
    return judge(containment(new, existing), min(len(new), len(existing)), same_speaker)


def judge(containment_score: float, shorter: int, same_speaker: bool) -> Decision:
    """The merge rule, on a containment already computed for texts whose shorter has `shorter` words."""
    score = round(containment_score, 3)
    if score >= MERGE_AT and same_speaker and shorter >= MIN_WORDS:
        return Decision("merge", score, f"same speaker, {score:.0%} of the shorter text's words in order")
    if score >= SUGGEST_AT:
        why = (
            "another speaker"
            if not same_speaker
            else "too short to merge"
            if shorter < MIN_WORDS
            else "partial"
        )
        return Decision("suggest", score, f"{score:.0%} alike ({why})")
    return Decision("none", score, "")


PARAPHRASE_AT = 0.75  # share of the reported statement's words found, in order, in the quotation
PARAPHRASE_MIN_WORDS = 6


def paraphrase_score(reported: list[str], quotation: list[str]) -> float:
    """How much of a reported statement ("that the tolls would fall by a third") is the quotation's
    words, in order; its leading "that" does not count."""
    reported = reported[1:] if reported[:1] in (["that"], ["to"], ["whether"], ["if"]) else reported
    if len(reported) < PARAPHRASE_MIN_WORDS or not quotation:
        return 0.0
    blocks = SequenceMatcher(None, reported, quotation, autojunk=False).get_matching_blocks()
    return round(sum(block.size for block in blocks) / len(reported), 3)
