"""A page cursor is the API's own: one it did not issue (a forged position, a number past the
database's, a date where an id goes) is a 404 saying so, on every list, as the schema promises,
never a server error; a NUL character in the parameter is a 400 naming it."""

import base64

import pytest

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/claims/",
    "/api/speakers/",
    "/api/sources/",
    "/api/publishers/",
    "/api/external-reviews/",
    "/api/ingest-jobs/",
]


def cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


FORGED = ["p=abc", "p=1e5", "p=2026-12-07", "p=1%002", "p=99999999999999999999999", "p=-", "r=1&p=x"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("position", FORGED)
def test_a_forged_cursor_is_a_404_on_every_list(reviewer, path, position):
    response = reviewer.get(path, {"cursor": cursor(position)})
    assert response.status_code == 404, response.content[:300]
    error = response.json()["error"]
    assert error["status"] == 404 and "cursor" in error["message"]


@pytest.mark.parametrize("ordering", ["checkworthiness", "-checkworthiness", "first_seen", "id"])
@pytest.mark.parametrize(
    "position", [*FORGED, "p=nan", "p=inf", "p=2026-12-07 10:00:00", "p=0001-01-01 00:00:00+05:00"]
)
def test_a_forged_cursor_is_a_404_in_every_ordering(anonymous, ordering, position):
    ClaimFactory()
    if ordering.endswith("checkworthiness") and position in ("p=1e5", "p=99999999999999999999999"):
        pytest.skip("a number is a check-worthiness position")
    response = anonymous.get("/api/claims/", {"ordering": ordering, "cursor": cursor(position)})
    assert response.status_code == 404, response.content[:300]
    message = response.json()["error"]["message"]
    assert "cursor" in message and "value" not in message  # not Django's own field message


@pytest.mark.parametrize("value", ["\x00", cursor("p=1") + "\x00"])
def test_a_nul_character_in_the_cursor_is_a_400_naming_it(anonymous, value):
    response = anonymous.get("/api/claims/", {"cursor": value})
    assert response.status_code == 400
    assert "cursor" in str(response.json()["error"])


@pytest.mark.parametrize("ordering", [None, "id", "-first_seen", "checkworthiness", "-checkworthiness"])
def test_the_cursors_the_api_issues_still_walk_back_and_forth(editor, ordering):
    made = [ClaimFactory(checkworthiness=round(0.05 + i * 0.1, 2)) for i in range(5)]
    params = {"page_size": 2, **({"ordering": ordering} if ordering else {})}
    first = editor.get("/api/claims/", params).json()
    second = editor.get(first["next"]).json()
    assert second["previous"] and editor.get(second["previous"]).json()["results"] == first["results"]
    assert len(made) == 5
