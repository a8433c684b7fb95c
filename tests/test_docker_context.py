"""What `docker build` sends: the build context, listed by reading .dockerignore as Docker does
(patterns relative to the context, `**` across folders, a later `!pattern` taking a path back, a
folder's exclusion covering everything in it)."""

import fnmatch
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _patterns() -> list[tuple[bool, re.Pattern]]:
    rules = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keep = line.startswith("!")
        pattern = os.path.normpath(line.removeprefix("!").strip()).lstrip("/")
        # Docker's matcher: `**` is any number of folders, `*` and `?` stay within one.
        parts = [
            ".*" if piece == "**" else fnmatch.translate(piece).removesuffix(r"\Z")
            for piece in pattern.split("/")
        ]
        regex = "/".join(parts).replace(".*/", "(?:.*/)?")
        rules.append((keep, re.compile(rf"^{regex}$")))
    return rules


def _excluded(relative: str, rules) -> bool:
    excluded = False
    # A path is out when it or any folder above it matches (the last matching rule decides).
    prefixes = ["/".join(relative.split("/")[: n + 1]) for n in range(relative.count("/") + 1)]
    for keep, regex in rules:
        if any(regex.match(prefix) for prefix in prefixes):
            excluded = not keep
    return excluded


def build_context() -> list[str]:
    rules = _patterns()
    sent = []
    for folder, dirs, files in os.walk(ROOT):
        base = Path(folder).relative_to(ROOT).as_posix()
        dirs[:] = [d for d in dirs if not _excluded(f"{base}/{d}".lstrip("./"), rules)]
        for name in files:
            relative = f"{base}/{name}" if base != "." else name
            if not _excluded(relative, rules):
                sent.append(relative)
    return sent


def test_the_build_context_holds_no_virtualenv_history_or_local_data():
    rules = _patterns()
    # Whether or not this checkout has them yet, each would be left out.
    for secret in ("var/db.sqlite3", "var/broker/out/1.msg", ".venv/bin/python", ".git/config", ".env"):
        assert _excluded(secret, rules), secret
    sent = build_context()
    assert sent, "the context is empty"
    leaked = [
        p for p in sent if p.split("/")[0] in {".venv", ".git", "var"} or p.endswith((".sqlite3", ".pyc"))
    ]
    assert leaked == []
    for needed in (
        "manage.py",
        "pyproject.toml",
        "claims/models/__init__.py",
        "config/settings/base.py",
        "templates",
    ):
        assert any(p == needed or p.startswith(needed + "/") for p in sent), needed


def test_the_matcher_reads_docker_rules():
    rules = [(False, re.compile(r"^var$")), (False, re.compile(r"^(?:.*/)?[^/]*\.pyc$"))]
    assert _excluded("var/db.sqlite3", rules)
    assert _excluded("claims/__pycache__/models.cpython-311.pyc", rules)
    assert not _excluded("claims/models/__init__.py", rules)
