"""The extractor's output on the project's own articles (the demo articles and those written for
the tests) is kept as JSON in tests/extraction/golden/ and compared claim by claim, so that any
change of output is seen and reviewed in the diff. After an intended change, rewrite them with

    CLAIMS_UPDATE_GOLDEN=1 pytest tests/extraction/test_golden_outputs.py

and read the diff before committing it."""

import json
import os
from pathlib import Path

import pytest

from claims.extraction import extract
from claims.ingest import articles as parsing
from tests import articles

GOLDEN = Path(__file__).resolve().parent / "golden"


def inputs() -> dict[str, tuple[str, str]]:
    """name -> (kind, raw text) of every article the project wrote."""
    found = {
        path.stem: (path.suffix.lstrip("."), path.read_text(encoding="utf-8"))
        for path in sorted(articles.DEMO.iterdir())
    }
    for name in ("PLAIN_ARTICLE", "LATIN1_ARTICLE", "CYRILLIC_ARTICLE"):
        found[name.lower().replace("_", "-")] = ("txt", getattr(articles, name))
    return found


@pytest.mark.parametrize("name", sorted(inputs()))
def test_the_output_on_our_own_articles_is_unchanged(name):
    kind, raw = inputs()[name]
    article = parsing.parse_html(raw) if kind == "html" else parsing.parse_text(raw)
    output = [claim.as_contract() for claim in extract(article.text, published=article.published)]
    path = GOLDEN / f"{name}.json"
    if os.environ.get("CLAIMS_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(output, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden output for {name}: run with CLAIMS_UPDATE_GOLDEN=1 and review it"
    golden = json.loads(path.read_text(encoding="utf-8"))
    assert len(output) == len(golden), f"{name}: {len(output)} claims now, {len(golden)} kept"
    for now, kept in zip(output, golden, strict=True):
        assert now == kept
