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
        "schemathesis.py",
        "chaos.py",
        "throughput.py",
        "api_load.py",
        "admin_load.py",
        "pages_load.py",
    ):
        print(f"\n### bench/{script}", flush=True)
        failures += subprocess.run([sys.executable, str(BENCH / script)]).returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
