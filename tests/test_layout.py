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
