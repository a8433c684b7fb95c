"""What the code's layout promises, checked on its source: behaviour lives where Django puts it,
so a newcomer finds one place for each thing."""

import ast
import re
from pathlib import Path

CLAIMS = Path(__file__).resolve().parents[1] / "claims"
# An event built or written by hand, instead of through ClaimEvent.of / record / record_all.
_HAND_BUILT_EVENT = re.compile(r"ClaimEvent\(|ClaimEvent\.objects\.(?:create|bulk_create)\(")


def hand_built_events(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or path.relative_to(root).as_posix() == "models/curation.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if _HAND_BUILT_EVENT.search(line):
                found.append(f"{path.relative_to(root)}:{number}")
    return found


def test_claim_events_are_made_only_by_the_model():
    assert hand_built_events(CLAIMS) == []


def test_a_hand_built_event_is_found(tmp_path):
    (tmp_path / "services.py").write_text(
        "ClaimEvent.record(claim=c, user=u, action=a)\nClaimEvent(claim=c)\n"
    )
    assert hand_built_events(tmp_path) == ["services.py:2"]


ADMIN = CLAIMS / "admin"
# Set up once, in claims/admin/base.py: a change list's paging and counting, a page's context,
# and how a service's refusal reaches the editor.
_ADMIN_SET_UP = re.compile(
    r"paginator = |show_full_result_count|show_facets|each_context\(|message_user\(request, messages_of"
)


def test_the_admins_list_and_page_set_up_is_written_once():
    repeated = [
        f"{path.name}:{number}"
        for path in sorted(ADMIN.glob("*.py"))
        if path.name != "base.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _ADMIN_SET_UP.search(line)
    ]
    assert repeated == []


# A robust on-commit callback made by hand: Django logs its failure by __qualname__, which a
# functools.partial lacks (the logging itself raised). claims/oncommit.py makes them, named.
_HAND_MADE_ROBUST = re.compile(r"on_commit\((?:[^()]|\([^()]*\))*robust=True")


def hand_made_robust_callbacks(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "oncommit.py":
            continue
        text = path.read_text()
        for match in _HAND_MADE_ROBUST.finditer(text):
            found.append(f"{path.relative_to(root)}:{text.count(chr(10), 0, match.start()) + 1}")
    return found


def test_robust_on_commit_callbacks_are_named():
    assert hand_made_robust_callbacks(CLAIMS) == []


def test_a_hand_made_robust_callback_is_found(tmp_path):
    (tmp_path / "jobs.py").write_text(
        "after_commit(enqueue, 1)\n"
        "transaction.on_commit(partial(enqueue, job.pk), robust=True)\n"
        "transaction.on_commit(\n    lambda: email([n.pk for n in made]),\n    robust=True,\n)\n"
    )
    assert hand_made_robust_callbacks(tmp_path) == ["jobs.py:2", "jobs.py:3"]


# Each rule about who sees a claim and what a claim is, with the one module that writes it out
# (everything else calls it: Claim.objects.published(), .visible_to(user), Claim.is_published,
# Claim.is_visible_to, Claim.fingerprint_of, Claim.rekey()).
_CALL = r"\((?:[^()]|\([^()]*\))*"  # up to the end of a call's arguments, one level of brackets
RULES = {
    # A statement's fingerprint: hashed from its words, speaker and stance, or set on a row by hand
    # (built into a Claim, or written by create or update) rather than by Claim.rekey().
    "fingerprint": (
        "models/claims.py",
        re.compile(
            r"sha256" + _CALL + r"\\x1f"
            r"|\.fingerprint\s*=(?!=)"
            r"|(?:\bClaim|\.create|\.update|\.get_or_create|\.update_or_create)" + _CALL + r"\bfingerprint="
        ),
    ),
    # The published rule: a claim is public when its state is "published" (asked of a row or
    # written into a query).
    "published": (
        "models/claims.py",
        re.compile(
            r"\.state\s*[!=]=\s*(?:(?:\w+\.)*PUBLISHED\b|[\"']published[\"'])"
            r"|(?:\bQ|\.filter|\.exclude|\.get)"
            + _CALL
            + r"\bstate(?:__in)?=[^,)]*(?:PUBLISHED\b|[\"']published[\"'])"
        ),
    ),
    # Who may see drafts: the permission that lets them.
    "visible": ("models/visibility.py", re.compile(r"[\"']claims\.view_claim[\"']")),
}


def rules_written_out(root: Path) -> dict[str, list[str]]:
    """For each rule, every place (file:line) outside its home module that writes it out."""
    found: dict[str, list[str]] = {rule: [] for rule in RULES}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        for rule, (home, pattern) in RULES.items():
            if relative == home:
                continue
            for match in pattern.finditer(text):
                found[rule].append(f"{relative}:{text.count(chr(10), 0, match.start()) + 1}")
    return found


def test_the_fingerprint_and_the_published_and_visible_rules_are_written_once():
    assert rules_written_out(CLAIMS) == {"fingerprint": [], "published": [], "visible": []}
    # ... and their homes do write them (so that the patterns above still mean something).
    for rule, (home, pattern) in RULES.items():
        assert pattern.search((CLAIMS / home).read_text()), rule


def test_a_second_copy_of_a_rule_is_found(tmp_path):
    (tmp_path / "serve").mkdir()
    (tmp_path / "serve" / "feeds.py").write_text(
        "claims = Claim.objects.published()\n"
        "if claim.is_visible_to(user):\n"
        "    pass\n"
        'latest = Claim.objects.filter(\n    speaker=speaker, state="published"\n)\n'
        "if claim.state == Claim.State.PUBLISHED:\n"
        "    pass\n"
        "known = Claim.objects.filter(fingerprint=key)\n"
        "claim.fingerprint = digest(claim.text)\n"
        "Claim.objects.create(text=t, fingerprint=key)\n"
        'hashlib.sha256(f"{key}\\x1f{words}".encode())\n'
        'if user.has_perm("claims.view_claim"):\n'
        "    pass\n"
    )
    assert rules_written_out(tmp_path) == {
        "fingerprint": ["serve/feeds.py:10", "serve/feeds.py:11", "serve/feeds.py:12"],
        "published": ["serve/feeds.py:4", "serve/feeds.py:7"],
        "visible": ["serve/feeds.py:13"],
    }


def renamed_imports(root: Path) -> list[str]:
    """Each part of claims imported under another name (`service as retrieval`), and Django's user
    model under any name but User: a reader greps for a thing by its own name."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [(alias.name, alias.asname) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [(f"{node.module}.{alias.name}", alias.asname) for alias in node.names]
            else:
                continue
            if any(
                asname and (name.startswith("claims.") or name == "django.contrib.auth.models.User")
                for name, asname in names
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_part_of_claims_is_renamed_on_import():
    assert renamed_imports(CLAIMS) == []


def test_a_renamed_import_is_found(tmp_path):
    (tmp_path / "views.py").write_text(
        "from claims import retrieval\nfrom claims.retrieval import service as retrieval\n"
        "import claims.ingest.jobs as ingestion\nimport numpy as np\n"
        "from django.contrib.auth.models import User as Account\n"
    )
    assert renamed_imports(tmp_path) == ["views.py:2", "views.py:3", "views.py:5"]


# A write through the ORM or a cursor: what the read side (claims/serve) never does.
_WRITE = re.compile(
    r"\.(?:save|delete|update|create|bulk_create|bulk_update|get_or_create|update_or_create)\("
    r"|\b(?:INSERT|UPDATE|DELETE)\s"
)


def writes_in(root: Path) -> list[str]:
    return [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _WRITE.search(line)
    ]


def test_the_read_side_writes_nothing():
    assert writes_in(CLAIMS / "serve") == []


def test_a_write_on_the_read_side_is_found(tmp_path):
    (tmp_path / "tokens.py").write_text(
        "token.save()\nApiToken.objects.filter(pk=1).update(last_used_at=now)\nprint('saved')\n"
    )
    assert writes_in(tmp_path) == ["tokens.py:1", "tokens.py:2"]
