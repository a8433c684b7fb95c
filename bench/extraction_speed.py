"""The engine's speed against another revision's, interleaved article by article on one core.

    python bench/extraction_speed.py [--against REV] [--repeat 7] [--eval-dir ../shared/eval]

REV (a git revision; default: the engine before it became rules over a document) is read with
`git archive` into a temporary directory and imported beside this checkout's engine under another
name. Each run extracts every PolNeAR train article with both engines, one after the other, in an
order that alternates by article and by run, and adds up each engine's CPU time: a busy moment of
this shared machine slows both alike. Prints articles/s for each engine (best and median of the
runs) and their ratio. Reads the evaluation texts at run time; copies nothing.
"""

import argparse
import gc
import importlib.util
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The engine as it was when it was restructured into rules over a document read once.
STARTING_ENGINE = "d7685f1"


def load_engine(package_dir: Path, alias: str):
    """claims.extraction from package_dir, imported as the top-level package `alias`."""
    spec = importlib.util.spec_from_file_location(
        alias, package_dir / "__init__.py", submodule_search_locations=[str(package_dir)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[alias] = module
    spec.loader.exec_module(module)
    return module.extract


def engine_at(revision: str, into: Path):
    read = subprocess.run(
        ["git", "archive", "--format=tar", revision, "claims/extraction"], cwd=ROOT, capture_output=True
    )
    if read.returncode != 0:
        sys.exit(
            f"cannot read the engine at {revision}: {read.stderr.decode().strip()} (a full clone is needed)"
        )
    with tarfile.open(fileobj=io.BytesIO(read.stdout)) as tar:
        tar.extractall(into, filter="data")
    return load_engine(
        into / "claims" / "extraction", f"engine_{revision.replace('-', '_').replace('.', '_')}"
    )


def compare(texts: list[str], engines: dict, repeat: int) -> dict:
    names = list(engines)
    for extract in engines.values():
        extract(texts[0])  # warm-up: regex compilation
    rates: dict[str, list[float]] = {name: [] for name in names}
    for run in range(repeat):
        gc.collect()
        spent = dict.fromkeys(names, 0.0)
        for i, text in enumerate(texts):
            order = names if (i + run) % 2 == 0 else names[::-1]
            for name in order:
                started = time.process_time()
                engines[name](text)
                spent[name] += time.process_time() - started
        for name in names:
            rates[name].append(len(texts) / spent[name])
        print(f"  run {run + 1}: " + ", ".join(f"{name} {rates[name][-1]:.1f}" for name in names), flush=True)
    return {
        name: {"best": round(max(r), 1), "median": round(statistics.median(r), 1)}
        for name, r in rates.items()
    }


def main() -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--against", default=STARTING_ENGINE, help="a git revision (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    train = args.eval_dir / "polnear-train.jsonl"
    if not train.exists():
        sys.exit(f"no evaluation data at {args.eval_dir}: pass --eval-dir")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    with train.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        engines = {
            "this": load_engine(ROOT / "claims" / "extraction", "engine_this"),
            args.against: engine_at(args.against, Path(tmp)),
        }
        print(
            f"== Extraction speed: this checkout against {args.against}, {len(texts)} PolNeAR train articles, "
            f"{args.repeat} runs interleaved by article (CPU time, one core)"
        )
        figures = compare(texts, engines, args.repeat)
    this, other = figures["this"], figures[args.against]
    ratio = {
        "best": round(this["best"] / other["best"], 2),
        "median": round(this["median"] / other["median"], 2),
    }
    for name, f in figures.items():
        print(f"  {name}: {f['best']} articles/s best, {f['median']} median")
    print(f"  ratio: {ratio['best']}x best, {ratio['median']}x median")
    return {"engines": figures, "ratio": ratio, "articles": len(texts), "runs": args.repeat}


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=2)
    print()
