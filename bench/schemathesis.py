"""The API against its OpenAPI schema with a large example budget: 200 generated requests per
operation (make test runs 15). Passes only with 0 server errors, 0 undocumented statuses and 0
responses that break the schema.

    python bench/schemathesis.py [--examples 200]
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=200)
    args = parser.parse_args()
    env = {**os.environ, "CLAIMS_SCHEMATHESIS_EXAMPLES": str(args.examples)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/api/test_schemathesis.py",
    ]
    print(f"schemathesis, {args.examples} examples per operation: {' '.join(command)}", flush=True)
    return subprocess.run(command, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
