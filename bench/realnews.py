"""Real news through the whole product: each dev page of ../shared/eval/realnews-dev.jsonl, as HTML
(realnews-dev-html/ID.html.gz), decoded and parsed as an ingest job reads it, the engine run on the
parsed text, and each annotated statement mapped onto that text by its words, then scored by the
shared scorer beside the same engine on the annotators' texts. Predictions on text the annotators'
text does not have are boilerplate the page parser kept; --show lists them. The time parsing takes
(decoding and parsing, each page's best of three) is reported too: workers parse every page. Reads
the evaluation data at run time; copies nothing into the project.

    python bench/realnews.py [--eval-dir ../shared/eval] [--show] [--json] [--out DIR]
"""

import argparse
import bisect
import gzip
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("direct", "mixed", "indirect")  # extract_claims --kinds direct,mixed,indirect
FIGURES = ("faithful_precision", "faithful_recall", "wrong", "unmatched", "speaker_name", "stance", "f1")
_WORD = re.compile(r"\w+")
Word = tuple[str, int, int]  # the word (NFKC, case folded), its start and end in its text


def words(text: str) -> list[Word]:
    return [
        (unicodedata.normalize("NFKC", m.group()).casefold(), m.start(), m.end())
        for m in _WORD.finditer(text)
    ]


@dataclass(frozen=True)
class Alignment:
    """Which word of `target` each word of `source` is, where it is there at all: the longest
    common runs of words first (difflib), so white space, quotation marks and inserted or dropped
    lines change nothing."""

    source: list[Word]
    target: list[Word]
    there: list[int | None]  # for each source word, its target word
    back: list[int | None]  # for each target word, its source word

    @classmethod
    def of(cls, source: str, target: str) -> "Alignment":
        a, b = words(source), words(target)
        there: list[int | None] = [None] * len(a)
        back: list[int | None] = [None] * len(b)
        matcher = SequenceMatcher(None, [w for w, _, _ in a], [w for w, _, _ in b], autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                there[block.a + k], back[block.b + k] = block.b + k, block.a + k
        return cls(a, b, there, back)

    def inverse(self) -> "Alignment":
        return Alignment(self.target, self.source, self.back, self.there)

    def inside(self, start: int, end: int) -> range:
        """The source words that the span [start, end) touches."""
        first = bisect.bisect_right(self._ends, start)
        return range(first, max(first, bisect.bisect_left(self._starts, end)))

    @cached_property
    def _starts(self) -> list[int]:
        return [start for _, start, _ in self.source]

    @cached_property
    def _ends(self) -> list[int]:
        return [end for _, _, end in self.source]

    def found(self, start: int, end: int) -> int:
        """How many of the span's words are in the target."""
        return sum(self.there[i] is not None for i in self.inside(start, end))

    def share(self, start: int, end: int) -> float:
        """The share of the span's words that are in the target (0.0 for a span without words)."""
        inside = self.inside(start, end)
        return self.found(start, end) / len(inside) if inside else 0.0

    def runs(self, start: int, end: int) -> list[tuple[int, int]]:
        """The target's character runs holding the span's words that are there: a run ends where
        the target has a word between two of them that is not one of the span's (a caption, a link
        line, a word spelt otherwise)."""
        found = [j for i in self.inside(start, end) if (j := self.there[i]) is not None]
        runs: list[tuple[int, int]] = []
        for number, j in enumerate(found):
            if number and j == found[number - 1] + 1:
                runs[-1] = (runs[-1][0], self.target[j][2])
            else:
                runs.append((self.target[j][1], self.target[j][2]))
        return runs


def mapped(quote: dict, alignment: Alignment) -> tuple[dict, str]:
    """The gold item on the target text, and "" or why it could not be mapped (it then has no
    characters: the scorer counts it, and it can only be missed)."""
    parts = [(p["start"], p["end"]) for p in quote.get("parts") or []] or [(quote["start"], quote["end"])]
    found = sum(alignment.found(s, e) for s, e in parts)
    total = sum(len(alignment.inside(s, e)) for s, e in parts)
    offsets = ("parts", "speaker_start", "speaker_end", "cue_start", "cue_end")
    item = {k: v for k, v in quote.items() if k not in offsets}
    if not total or found <= total / 2:
        why = f"only {found} of its {total} words" if found else "none of its words"
        return {**item, "start": 0, "end": 0}, f"{why} in the parsed text"
    runs = sorted(run for s, e in parts for run in alignment.runs(s, e))
    item.update(start=runs[0][0], end=runs[-1][1], parts=[{"start": s, "end": e} for s, e in runs])
    for what in ("speaker", "cue"):
        if quote.get(f"{what}_start") is not None and (
            mention := alignment.runs(quote[f"{what}_start"], quote[f"{what}_end"])
        ):
            item[f"{what}_start"], item[f"{what}_end"] = mention[0][0], mention[-1][1]
    return item, ""


def predictions(text: str, published: date | None) -> list[dict]:
    """What `extract_claims --kinds direct,mixed,indirect` outputs for this text."""
    from claims.extraction import extract

    return [c.as_contract() for c in extract(text, published=published, assertions=False) if c.kind in KINDS]


def parsed_page(path: Path, url: str) -> Any:
    """The page read as an ingest job reads its bytes (claims.ingest.jobs._read)."""
    from claims.ingest import articles, decoding

    return articles.parse(
        decoding.decode(gzip.decompress(path.read_bytes())), url=url, content_type="text/html"
    )


def parse_times(pages: list[tuple[Path, str]], rounds: int = 3) -> dict:
    """Milliseconds to decode and parse each page, its best of `rounds`: the total and the slowest."""
    best = [float("inf")] * len(pages)
    for _ in range(rounds):
        for number, (path, url) in enumerate(pages):
            started = time.perf_counter()
            parsed_page(path, url)
            best[number] = min(best[number], time.perf_counter() - started)
    return {"total_ms": round(sum(best) * 1000, 1), "slowest_ms": round(max(best, default=0.0) * 1000, 1)}


def scorer(eval_dir: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_claims", eval_dir / "score_claims.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def figures(score: Any, gold_path: Path, pred_path: Path) -> dict:
    """The shared scorer's figures (all statements, cover > 0.3), wrong and unmatched also as shares."""
    with gold_path.open(encoding="utf-8") as handle:
        gold = {d["id"]: d for d in map(json.loads, filter(str.strip, handle))}
    row = score.evaluate(gold, score.load_pred(str(pred_path)), "all", "cover", 0.3)
    n_pred = row["n_pred"] or 1
    return {
        **row,
        "wrong_share": round(row["wrong"] / n_pred, 4),
        "unmatched_share": round(row["unmatched"] / n_pred, 4),
    }


def realnews(eval_dir: Path, out: Path) -> dict:
    """Score the engine on the dev pages through the product's parsing and on the gold texts,
    writing the mapped gold and both predictions to `out` in the scorer's formats."""
    records = [
        json.loads(line) for line in (eval_dir / "realnews-dev.jsonl").open(encoding="utf-8") if line.strip()
    ]
    gold_html, pred_html, pred_text, unmapped, leaked = [], [], [], [], []
    pages = [
        (eval_dir / "realnews-dev-html" / f"{record['id'].rsplit('/', 1)[-1]}.html.gz", record.get("url", ""))
        for record in records
    ]
    for record, (page, url) in zip(records, pages, strict=True):
        published = date.fromisoformat(record["published"]) if record.get("published") else None
        pred_text.append({"id": record["id"], "claims": predictions(record["text"], published)})
        article = parsed_page(page, url)
        alignment = Alignment.of(record["text"], article.text)
        quotes = []
        for quote in record["quotes"]:
            item, why = mapped(quote, alignment)
            quotes.append(item)
            if why:
                unmapped.append({"id": record["id"], "why": why, "text": quote["text"]})
        gold_html.append({**record, "text": article.text, "quotes": quotes})
        found = predictions(article.text, article.published or published)
        pred_html.append({"id": record["id"], "claims": found})
        back = alignment.inverse()
        for claim in found:
            # Boilerplate: most of the statement's words are not in the annotators' text at all.
            if back.share(claim["start"], claim["end"]) < 0.5:
                leaked.append(
                    {
                        "id": record["id"],
                        "speaker": claim["speaker_name"] or claim["speaker"],
                        "text": claim["text"],
                    }
                )
    for name, rows in (("html-gold", gold_html), ("html-pred", pred_html), ("text-pred", pred_text)):
        write(out / f"realnews-dev-{name}.jsonl", rows)
    score = scorer(eval_dir)
    html = figures(score, out / "realnews-dev-html-gold.jsonl", out / "realnews-dev-html-pred.jsonl")
    text = figures(score, eval_dir / "realnews-dev.jsonl", out / "realnews-dev-text-pred.jsonl")
    difference = {
        k: round(html[k] - text[k], 4)
        for k in (*FIGURES, "wrong_share", "unmatched_share")
        if html.get(k) is not None and text.get(k) is not None
    }
    return {
        "pages": len(records),
        "html": html,
        "text": text,
        "difference": difference,
        "unmapped": unmapped,
        "leaked": leaked,
        "parsing": parse_times(pages),
    }


def show(report: dict, *, details: bool) -> None:
    print(f"== {report['pages']} real-news dev pages, all statements, cover > 0.3 (shared scorer)")
    print(f"  {'':22}" + "".join(f"{name:>19}" for name in ("through HTML", "gold text", "difference")))
    for name in (*FIGURES, "wrong_share", "unmatched_share", "n_gold", "n_pred", "tp"):
        values = [report["html"].get(name), report["text"].get(name), report["difference"].get(name)]
        print(f"  {name:22}" + "".join(f"{'-' if v is None else v:>19}" for v in values))
    print(f"  gold statements not mapped onto the parsed text (counted as missed): {len(report['unmapped'])}")
    reasons = Counter((row["id"], re.sub(r"\d+", "N", row["why"])) for row in report["unmapped"])
    for (page, why), count in reasons.most_common():
        print(f"    {count} in {page}: {why}")
    print(f"  predictions on text the annotators' text has not (boilerplate kept): {len(report['leaked'])}")
    if details:
        for row in report["unmapped"]:
            print(f"    unmapped {row['id']}: {row['why']}: {row['text'][:120]!r}")
        for row in report["leaked"]:
            print(f"    leaked {row['id']}: {row['speaker']!r}: {row['text'][:120]!r}")
    parsing = report["parsing"]
    print(
        f"  parsing (decode and parse, best of 3): {parsing['total_ms']} ms for the {report['pages']} pages,"
        f" slowest {parsing['slowest_ms']} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument(
        "--show", action="store_true", help="list unmapped statements and boilerplate predictions"
    )
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("--out", type=Path, help="keep the mapped gold and the predictions here")
    args = parser.parse_args()
    if not (args.eval_dir / "realnews-dev.jsonl").exists():
        sys.exit(f"no evaluation data at {args.eval_dir}: pass --eval-dir")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()  # the parsed Article is the store's type, which imports the models
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        report = realnews(args.eval_dir, out)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        show(report, details=args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
