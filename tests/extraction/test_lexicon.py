"""Each verb or phrase of saying is written once, in the cue table (extraction/lexicon/cues.py):
the engine's patterns and word sets are drawn from its properties, never written again."""

import ast
import re
from pathlib import Path

from claims.extraction.lexicon.cues import CUES

EXTRACTION = Path(__file__).resolve().parents[2] / "claims" / "extraction"
# Modules whose strings are not the engine's reading of cues: the table itself, the rulebook's
# descriptions and examples, the stance names, and the check-worthiness score's own phrases of
# opinion ("I believe"), which it reads as a scorer, not as cues.
NOT_THE_ENGINES_CUES = ("lexicon", "rulebook.py", "types.py", "checkworthiness.py")
# Strings that hold a cue's form as a word of another kind: how a date is known, and prose.
AS_OTHER_WORDS = {
    ("arbiter.py", "stated"),
    ("arbiter.py", "published"),
    ("resolve.py", ", read in full in paragraph "),
}


def _strings(tree: ast.AST):
    """The string constants of a module, but for docstrings and the property names given to
    having() and alternation()."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # a docstring
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
            "having",
            "alternation",
        ):
            skipped.update(id(arg) for arg in node.args)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            yield node


def written_again(root: Path) -> list[tuple[str, int, list[str]]]:
    """Where a module under root writes a cue of the table in a string of its own."""
    forms = set(CUES)
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(NOT_THE_ENGINES_CUES):
            continue
        for node in _strings(ast.parse(path.read_text())):
            if (relative, node.value) in AS_OTHER_WORDS:
                continue
            text = node.value.lower()
            words = set(re.findall(r"[a-z]+", text)) | set(re.findall(r"(?=\b([a-z]+ [a-z]+)\b)", text))
            if words & forms:
                found.append((relative, node.lineno, sorted(words & forms)))
    return found


def test_no_cue_of_the_table_is_written_again_in_the_engine():
    assert written_again(EXTRACTION) == []


def test_a_cue_written_again_is_found(tmp_path):
    (tmp_path / "rules.py").write_text(
        '"""Docstrings may say "warned"."""\nimport re\nPATTERN = re.compile(r"\\b(?:warned|cautioned)\\b")\n'
        'KIND = having("and-said")\n'
    )
    assert written_again(tmp_path) == [("rules.py", 3, ["cautioned", "warned"])]
