"""One statement, one claim; one person, one speaker: the merge decisions on constructed variants.

    python bench/identity_eval.py [--eval ../shared/eval]

Claims: every quotation in PolNeAR dev (direct or mixed, at least 6 words, its speaker a name) is
stored in an in-memory index exactly as the database stores it (claims.store.similarity anchors); then
variants are matched against it the way ingestion matches a new appearance (look up the anchors,
score the candidates, decide):
  positives  the quotation re-cased and re-punctuated; trimmed by 1 to 3 words at either end;
             a partial quotation (a contiguous 50 to 90% of it, at least 6 words)
  negatives  the same words from a different speaker; a different quotation by the same speaker
Precision: merges into the right claim / all merges. Recall: positives merged into their claim.

Speakers: every multi-word name among the dev speakers is a known person; variants (title and
surname, surname alone, initial and surname, re-cased) must resolve to it when nobody else known
shares the surname, and mentions of other people sharing a surname (known ones, and constructed
ones with another given name) must not resolve to it.

The texts are read from ../shared/eval at run time and never stored.
"""

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.identity.names import name_key, resolve_name  # noqa: E402
from claims.store import similarity  # noqa: E402

PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "his", "her", "him", "them"}
TITLES = ["Mr.", "Ms.", "Mrs.", "President", "Sen.", "Senator", "Gov.", "Dr."]
GIVEN = ["Aaron", "Beatrice", "Cyril", "Dolores", "Emmett", "Fenella", "Gideon", "Harriet"]


def quotations(path: Path) -> list[tuple[str, str]]:
    out, seen = [], set()
    for line in path.open():
        doc = json.loads(line)
        for q in doc["quotes"]:
            speaker = (q.get("speaker") or "").strip()
            if q["kind"] not in ("direct", "mixed") or not speaker or speaker.lower() in PRONOUNS:
                continue
            ws = similarity.words(q["text"])
            if len(ws) >= similarity.MIN_WORDS and (key := (" ".join(ws), name_key(speaker))) not in seen:
                seen.add(key)
                out.append((q["text"], name_key(speaker)))
    return out


class Index:
    """The claims table and its anchor index, in memory."""

    def __init__(self, claims: list[tuple[str, str]]):
        self.claims = [(similarity.words(text), speaker) for text, speaker in claims]
        self.by_anchor: dict[int, set[int]] = defaultdict(set)
        for i, (ws, _) in enumerate(self.claims):
            for anchor in similarity.anchors(ws):
                self.by_anchor[anchor].add(i)

    def match(self, text: str, speaker: str) -> int | None:
        ws = similarity.words(text)
        candidates = set().union(*(self.by_anchor.get(a, set()) for a in similarity.query_anchors(ws)))
        best, best_score = None, 0.0
        for i in candidates:
            decision = similarity.decide(ws, self.claims[i][0], same_speaker=self.claims[i][1] == speaker)
            if decision.action == "merge" and decision.score > best_score:
                best, best_score = i, decision.score
        return best


def punctuate(text: str, rng: random.Random) -> str:
    text = text.upper() if rng.random() < 0.3 else text.lower() if rng.random() < 0.5 else text
    text = re.sub(r"[\"“”‘’]", "", text)
    return re.sub(r"[,.;:!?]", lambda m: rng.choice(["", m.group(0), " -", ";"]), text)


def trimmed(text: str, rng: random.Random) -> str | None:
    tokens = text.split()
    cut_front, cut_back = rng.randint(0, 3), rng.randint(0, 3)
    if cut_front + cut_back == 0:
        cut_back = 1
    kept = tokens[cut_front : len(tokens) - cut_back]
    return " ".join(kept) if len(similarity.words(" ".join(kept))) >= similarity.MIN_WORDS else None


def partial(text: str, rng: random.Random) -> str | None:
    tokens = text.split()
    size = max(similarity.MIN_WORDS + 1, int(len(tokens) * rng.uniform(0.5, 0.9)))
    if size >= len(tokens):
        return None
    start = rng.randint(0, len(tokens) - size)
    return " ".join(tokens[start : start + size])


def claims_eval(path: Path) -> dict:
    rng = random.Random(7)
    quotes = quotations(path)
    rng.shuffle(quotes)
    # Two thirds are stored; the rest, never stored, provide "another statement by the same
    # speaker" negatives.
    stored, unseen = quotes[: len(quotes) * 2 // 3], quotes[len(quotes) * 2 // 3 :]
    index = Index(stored)
    speakers = sorted({s for _, s in stored})
    positives = negatives = right = wrong = 0
    counts = defaultdict(lambda: [0, 0])
    for i, (text, speaker) in enumerate(stored):
        for kind, variant in (
            ("punctuation", punctuate(text, rng)),
            ("trimmed", trimmed(text, rng)),
            ("partial", partial(text, rng)),
        ):
            if variant is None:
                continue
            positives += 1
            counts[kind][0] += 1
            got = index.match(variant, speaker)
            if got is not None and index.claims[got][0] == index.claims[i][0]:
                right += 1
                counts[kind][1] += 1
            elif got is not None:
                wrong += 1
        # The same words from somebody else: never this claim.
        negatives += 1
        if index.match(text, rng.choice([s for s in speakers if s != speaker])) is not None:
            wrong += 1
    for text, speaker in unseen:
        if speaker not in speakers:
            continue
        negatives += 1
        got = index.match(text, speaker)
        # A merge is wrong unless the stored claim really is this statement (quoted twice).
        if got is not None and similarity.containment(similarity.words(text), index.claims[got][0]) < 1.0:
            wrong += 1
    merges = right + wrong
    return {
        "quotations": len(quotes),
        "positives": positives,
        "negatives": negatives,
        "precision": round(right / merges, 4) if merges else 1.0,
        "recall": round(right / positives, 4),
        "recall_by_variant": {k: round(v[1] / v[0], 4) for k, v in counts.items()},
    }


def speakers_eval(path: Path) -> dict:
    rng = random.Random(11)
    names = set()
    for line in path.open():
        for q in json.loads(line)["quotes"]:
            speaker = (q.get("speaker") or "").strip()
            if (
                re.fullmatch(r"(?:[A-Z][a-z]+\.? ){1,2}[A-Z][a-z]+", speaker)
                and speaker.split()[0] not in TITLES
            ):
                names.add(speaker)
    known = sorted({name_key(n): n for n in names}.values())
    by_surname = defaultdict(list)
    for name in known:
        by_surname[name_key(name).split()[-1]].append(name)
    right = wrong = positives = negatives = 0
    for name in known:
        first, last = name.split()[0], name.split()[-1]
        shared = len(by_surname[name_key(name).split()[-1]]) > 1
        variants = [name.upper(), f"{first[0]}. {last}", f"{rng.choice(TITLES)} {name}"]
        if not shared:
            variants += [last, f"{rng.choice(TITLES)} {last}"]
        for variant in variants:
            positives += 1
            got = resolve_name(variant, known)
            if got == name:
                right += 1
            elif got is not None:
                wrong += 1
        if shared:  # the surname alone names nobody in particular
            negatives += 1
            if resolve_name(f"{rng.choice(TITLES)} {last}", known) is not None:
                wrong += 1
        others = [f"{g} {last}" for g in GIVEN if g[0] != first[0]][:2]
        for other in others:  # somebody else with this surname: must not become this person
            negatives += 1
            if resolve_name(other, known) == name:
                wrong += 1
    merges = right + wrong
    return {
        "known_people": len(known),
        "sharing_a_surname": sum(len(v) for v in by_surname.values() if len(v) > 1),
        "positives": positives,
        "negatives": negatives,
        "precision": round(right / merges, 4) if merges else 1.0,
        "recall": round(right / positives, 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    dev = args.eval / "polnear-dev.jsonl"
    if not dev.exists():
        print(f"identity_eval: skipped: {dev} not found")
        return 0
    claims = claims_eval(dev)
    speakers = speakers_eval(dev)
    print(f"claims:   {json.dumps(claims)}")
    print(f"speakers: {json.dumps(speakers)}")
    ok = (
        claims["precision"] >= 0.98
        and claims["recall"] >= 0.90
        and speakers["precision"] >= 0.98
        and speakers["recall"] >= 0.90
    )
    print(f"goals (precision >= 0.98, recall >= 0.90): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
