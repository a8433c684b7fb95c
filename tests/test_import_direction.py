"""Imports flow one way: ingest → extraction → store → identity, with curation and serve reading
the store. Each part of claims/ may import only the parts listed for it here (at the top of a
module or inside a function alike); the entry points (admin, API, public pages, commands,
templates' tags) may import any part, and no part imports them."""

import ast
from pathlib import Path

CLAIMS = Path(__file__).resolve().parents[1] / "claims"

# The foundations: the models, the INSERT helper, the outbound address checks, secrets at rest
# (crypto), work sent on after a commit (oncommit), and the extraction engine (pure Python, no
# Django, so it imports no other part at all).
FOUNDATIONS = {
    "extraction": set(),
    "inserts": set(),
    "expressions": set(),
    "net": set(),
    "crypto": set(),
    "oncommit": set(),
    # A webhook's URL is checked by net, its secret sealed by crypto. The models read no engine
    # code: their kinds and stances are their own choices (tests/test_models.py holds them equal
    # to the engine's).
    "models": {"net", "crypto"},
}
STAGES = {
    "identity": {"models", "inserts"},
    # Linking another fact-checker's review compares its claimant's name with our speaker's.
    "retrieval": {"models", "inserts", "identity"},
    "store": {"models", "inserts", "extraction", "identity"},
    "ingest": {
        "models",
        "expressions",
        "net",
        "oncommit",
        "extraction",
        "store",
        "identity",
        "retrieval",
        "notify",
    },
    "curation": {"models", "extraction", "store", "identity", "retrieval", "notify"},
    # The read side: it lists, searches and renders; claims are written by store and curation.
    "serve": {"models", "expressions", "retrieval"},
    # Telling people of what ingest stored and curation changed: told by them, it tells no stage.
    "notify": {"models", "net", "crypto", "oncommit", "serve"},
}
ENTRY_POINTS = {
    "admin",
    "api",
    "public",
    "views",
    "management",
    "templatetags",
    "middleware",
    "apps",
    "migrations",
}
ALLOWED = FOUNDATIONS | STAGES


def imported_parts(path: Path) -> set[str]:
    """The parts of claims/ (claims.X) that a module imports, anywhere in it."""
    parts: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "claims":
                names = [f"claims.{alias.name}" for alias in node.names]
            else:
                names = [node.module]
        parts.update(name.split(".")[1] for name in names if name.startswith("claims."))
    return parts


def wrong_way_imports(root: Path) -> list[str]:
    """Each import that breaks the table, as "module: imports part"."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.name == "__init__.py" and len(relative.parts) == 1:
            continue
        part = relative.parts[0].removesuffix(".py")
        for other in sorted(imported_parts(path) - {part}):
            if part in ENTRY_POINTS:
                allowed = other not in ENTRY_POINTS
            elif part in ALLOWED:
                allowed = other in ALLOWED[part]
            else:
                allowed = False  # a new part of claims/: give it a line in the table
            if not allowed:
                found.append(f"{relative}: imports claims.{other}")
    return found


def test_every_part_of_claims_is_in_the_table():
    parts = {
        p.name.removesuffix(".py")
        for p in CLAIMS.iterdir()
        if p.suffix == ".py" or (p.is_dir() and any(p.rglob("*.py")))
    }
    parts -= {"__init__", "__pycache__"}
    assert parts - set(ALLOWED) - ENTRY_POINTS == set()


def test_imports_flow_one_way():
    assert wrong_way_imports(CLAIMS) == []


def test_a_wrong_way_import_is_found(tmp_path):
    for part, source in {
        "store/storing.py": "from claims.identity import resolution\n",
        "identity/merges.py": "def f():\n    from claims.store import reassign\n",
        "extraction/engine.py": "import claims.models\n",
        "serve/highlighting.py": "from claims import admin\n",
        "admin/claims.py": "from claims.curation import workflow\n",
    }.items():
        (tmp_path / part).parent.mkdir(exist_ok=True)
        (tmp_path / part).write_text(source)
    assert wrong_way_imports(tmp_path) == [
        "extraction/engine.py: imports claims.models",
        "identity/merges.py: imports claims.store",
        "serve/highlighting.py: imports claims.admin",
    ]
