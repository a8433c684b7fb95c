"""The review page refuses every bad value of every field it accepts, in words, and stores nothing:
never a server error (a NUL byte is a DataError on PostgreSQL, a number past 64 bits an overflow),
never a value outside the model's choices."""

import pytest
from django.contrib import messages as levels
from django.test import Client

from claims.models import Appearance, Claim, ClaimEvent, Source, Speaker
from tests.admin.test_desk import client_of, review_url
from tests.factories import AppearanceFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30  # past any database integer
ENDLESS = "9" * 5000  # past what int() reads (4,300 digits)
NUL = "\x00"

# A valid POST for each decision, as the page sends it; {claim} and {target} are filled in.
VALID = {
    "accept": {"claim": "{claim}"},
    "reject": {"claim": "{claim}"},
    "next": {"claim": "{claim}"},
    "edit": {"claim": "{claim}", "text": "the school meals budget will double"},
    "speaker": {"claim": "{claim}", "speaker": "Mina Vale", "create": "1", "kind": "person"},
    "merge": {"claim": "{claim}", "target": "{target}", "confirm": "1", "across_speakers": "1"},
    "accept_remaining": {},
    "reject_remaining": {},
}

# Bad values of each field; each is posted in place of the valid one.
BAD = {
    "claim": ["abc", "", "-1", "0", "1.5", HUGE, ENDLESS, f"1{NUL}", "{missing}"],
    "decision": ["bogus", NUL, f"accept{NUL}", "x" * 10_000],
    "text": ["", "   ", NUL, f"the budget{NUL} will double", "the budget \x07 will double", "x" * 20_001],
    "speaker": [NUL, f"Mina{NUL}Vale", "Mina\x1bVale", "!!!", "M" * 301],
    "kind": ["bogus", NUL, f"person{NUL}", "Person"],
    "target": ["abc", "", "-1", "0", HUGE, ENDLESS, f"1{NUL}", "{missing}", "{claim}"],
}


@pytest.fixture
def article(db) -> Source:
    """An article with two claims, the first of them the one decided; and a claim elsewhere to
    merge it into."""
    source = SourceFactory()
    for start in (0, 100):
        AppearanceFactory(source=source, start=start, end=start + 40, claim__indexed=False)
    ClaimFactory(text="that the school meals budget would double next year", indexed=False)
    return source


def first_claim(source: Source) -> Claim:
    return Claim.objects.filter(appearances__source=source).order_by("pk")[0]


CASES = [
    (decision, field, value)
    for decision, valid in VALID.items()
    for field, values in BAD.items()
    if field in valid or (field == "decision" and decision == "accept")
    for value in values
]


def stored() -> tuple:
    """Everything a decision could change."""
    return (
        list(Claim.objects.order_by("pk").values_list("pk", "text", "speaker_id", "kind", "stance", "state")),
        list(Speaker.objects.order_by("pk").values_list("pk", "name", "kind")),
        list(Appearance.objects.order_by("pk").values_list("pk", "claim_id")),
        ClaimEvent.objects.count(),
    )


def post(article: Source, user, decision: str, changed: dict[str, str] | None = None):
    """POST the decision's valid fields with `changed` in place; the page it ends on."""
    claim = first_claim(article)
    target = Claim.objects.exclude(appearances__source=article).get()
    missing = Claim.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    fill = {"{claim}": str(claim.pk), "{target}": str(target.pk), "{missing}": str(missing)}
    data = {"decision": decision, **VALID[decision], **(changed or {})}
    client = client_of(user)
    client.raise_request_exception = False
    return client.post(review_url(article), {k: fill.get(v, v) for k, v in data.items()}, follow=True)


def said(response, level: int) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level == level]


@pytest.mark.parametrize("decision", [d for d in VALID if d != "next"])
def test_each_valid_decision_is_carried_out(article, editor_user, decision):
    """(So that a refusal below is the bad value's, not the rest of the POST's.)"""
    before = stored()
    response = post(article, editor_user, decision)
    assert response.status_code == 200
    assert said(response, levels.SUCCESS) and not said(response, levels.ERROR)
    assert stored() != before


@pytest.mark.parametrize(("decision", "field", "value"), CASES, ids=lambda v: repr(v)[:24])
def test_every_bad_value_is_refused_in_words_and_changes_nothing(
    article, editor_user, decision, field, value
):
    before = stored()
    response = post(article, editor_user, decision, {field: value})
    assert response.status_code in (200, 400), response.status_code
    errors = said(response, levels.ERROR)
    assert errors, "no refusal shown"
    assert all(m.strip() for m in errors)
    assert stored() == before


def test_the_refusals_say_what_was_wrong(article, editor_user):
    claim = first_claim(article)
    client: Client = client_of(editor_user)

    def refusal(**data) -> str:
        response = client.post(review_url(article), {"claim": claim.pk, **data}, follow=True)
        return " ".join(str(m) for m in response.context["messages"] if m.level == levels.ERROR)

    assert "“abc” is not a claim number" in refusal(decision="merge", target="abc")
    assert f"No claim {HUGE}" in refusal(decision="merge", target=HUGE)
    assert "control character" in refusal(decision="edit", text=f"the budget{NUL} will double")
    assert "control character" in refusal(decision="speaker", speaker=f"Mina{NUL}Vale", create="1")
    assert "“bogus” is not a kind of speaker" in refusal(
        decision="speaker", speaker="Mina Vale", create="1", kind="bogus"
    )
    assert "“bogus” is not something this page does" in refusal(decision="bogus")
    assert "has no letters" in refusal(decision="speaker", speaker="!!!", create="1")
    assert "at most 300 characters" in refusal(decision="speaker", speaker="M" * 301, create="1")
    assert not Speaker.objects.filter(name__startswith="Mina").exists()


def test_a_statement_keeps_its_line_breaks_and_tabs_out_but_is_not_refused_for_them(article, editor_user):
    claim = first_claim(article)
    client_of(editor_user).post(
        review_url(article),
        {"claim": claim.pk, "decision": "edit", "text": "the school meals\n\tbudget will double"},
    )
    claim.refresh_from_db()
    assert claim.text == "the school meals budget will double"
