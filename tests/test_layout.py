"""What the code's layout promises, checked on its source: behaviour lives where Django puts it,
so a newcomer finds one place for each thing."""

import re
from pathlib import Path

CLAIMS = Path(__file__).resolve().parents[1] / "claims"
# An event built or written by hand, instead of through ClaimEvent.of / record / record_all.
_HAND_BUILT_EVENT = re.compile(r"ClaimEvent\(|ClaimEvent\.objects\.(?:create|bulk_create)\(")


def hand_built_events(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or path.name == "models.py":
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
