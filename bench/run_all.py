"""`make bench`: every benchmark, one after another."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in (
        "extraction.py",
        "extraction_linear.py",
        "extraction_speed.py",
        "realnews.py",
        "schemathesis.py",
        "encoder.py",
        "retrieval.py",
        "identity_eval.py",
        "matching_speed.py",
        "chaos.py",
        "throughput.py",
        "api_load.py",
        "admin_load.py",
        "pages_load.py",
        "retrieval_scale.py",
        "claimreview_import.py",
        "claimreview_inputs.py",
        "external_links.py",
        "checkworthy.py",
        "transcript_append.py",
    ):
        print(f"\n### bench/{script}", flush=True)
        failures += subprocess.run([sys.executable, str(BENCH / script)]).returncode != 0
        if script == "retrieval.py":
            # Scored apart, by the shared scorer: the run itself never reads relevance.
            retrieval = BENCH.parent.parent / "shared" / "eval" / "claim-retrieval"
            scorer = retrieval.parent / "score_retrieval.py"
            run = BENCH.parent / "var" / "retrieval-run.jsonl"
            failures += (
                subprocess.run(
                    [sys.executable, str(scorer), str(retrieval / "dev.jsonl"), str(run)]
                ).returncode
                != 0
            )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
