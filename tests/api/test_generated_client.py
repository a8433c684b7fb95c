"""A Python client generated from the API's own OpenAPI document (/api/schema/) with
openapi-python-client, as a user of the API would make one: every module it generates imports,
and list, retrieve, ingest, transition, claim-review and both exports work against a running
server.

The generator is not one of the project's dependencies: it is installed from the package index
into a virtual environment of its own, in a temporary directory (or taken from
CLAIMS_OPENAPI_CLIENT_GENERATOR, the path of an `openapi-python-client` executable). The client runs
in that environment, which holds what it needs (httpx, attrs, python-dateutil). Where the
generator cannot be installed the test is skipped, saying why."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from claims.models import ApiToken, Claim, Rating
from tests.factories import AppearanceFactory, ClaimFactory, UserFactory

GENERATOR = "openapi-python-client"


@pytest.fixture(scope="module")
def generator(tmp_path_factory) -> Path:
    """The openapi-python-client executable, with the Python it runs on beside it."""
    if given := os.environ.get("CLAIMS_OPENAPI_CLIENT_GENERATOR"):
        return Path(given)
    venv = tmp_path_factory.mktemp("generator") / "venv"
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120
        )
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                GENERATOR,
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        output = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"{GENERATOR} could not be installed from the package index: {exc} {output[-300:]!r}")
    return venv / "bin" / GENERATOR


# Run by the generator's Python, in the directory the client was generated in: imports every
# module of the client, then calls the API through it; prints what it got as JSON.
CALLS = """
import importlib, json, pkgutil, sys
import claim_tracker_api_client as package
from claim_tracker_api_client import AuthenticatedClient, Client
from claim_tracker_api_client.api.claims import (
    api_claims_claim_review_retrieve, api_claims_export_csv_retrieve, api_claims_export_ndjson_retrieve,
    api_claims_list, api_claims_retrieve, api_claims_transition_create,
)
from claim_tracker_api_client.api.ingestion import api_ingest_jobs_create
from claim_tracker_api_client.models import ClaimStateEnum, IngestRequestRequest, TransitionRequest

base, token, published, fresh = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
modules = [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in modules:
    importlib.import_module(name)
anonymous = Client(base_url=base, raise_on_unexpected_status=True)
editor = AuthenticatedClient(base_url=base, token=token, prefix="Token", raise_on_unexpected_status=True)

listed = api_claims_list.sync(client=anonymous)
searched = api_claims_list.sync(client=anonymous, q="ferry")
one = api_claims_retrieve.sync(published, client=anonymous)
review = api_claims_claim_review_retrieve.sync(published, client=anonymous)
job = api_ingest_jobs_create.sync_detailed(
    client=editor,
    body=IngestRequestRequest(
        text="The harbour master said on Monday that the ferry would run twice a day from June, "
        "and that fares would not rise this year.",
    ),
)
moved = api_claims_transition_create.sync(fresh, client=editor, body=TransitionRequest(state=ClaimStateEnum("accepted")))
csv_text = api_claims_export_csv_retrieve.sync(client=anonymous)
# openapi-python-client parses no application/x-ndjson body (it says so as it generates): the
# response is the client's to read, line by line, from a client that does not raise on it.
ndjson = api_claims_export_ndjson_retrieve.sync_detailed(client=Client(base_url=base))
print(json.dumps({
    "modules": len(modules),
    "listed": [c.id for c in listed.results],
    "scores": [c.score for c in searched.results],
    "retrieved": [one.id, one.text],
    "claim_review": [review.url, review.to_dict()["@type"]],
    "ingest": [job.status_code, job.parsed.state.value, job.headers["content-type"]],
    "transition": [moved.id, moved.state.value],
    "csv": csv_text.splitlines()[0],
    "ndjson": [ndjson.status_code, ndjson.headers["content-type"]]
    + [json.loads(line)["id"] for line in ndjson.content.decode().splitlines()],
}))
"""


# The server runs in another thread: the test's data is committed for it. A transactional test
# before this one may have emptied the tables the migrations filled (the rating scale, the groups):
# what it needs is made here.
@pytest.mark.django_db(transaction=True)
def test_a_generated_client_imports_and_works(generator, live_server, tmp_path):
    rating, _ = Rating.objects.get_or_create(value=1, defaults={"label": "False"})
    published = AppearanceFactory(
        claim=ClaimFactory(
            text="The ferry fares doubled last winter", state=Claim.State.PUBLISHED, verdict=rating
        )
    ).claim
    Claim.objects.filter(pk=published.pk).update(published_at="2026-11-01T10:00:00Z")
    fresh = AppearanceFactory(claim=ClaimFactory(text="The pier will close in spring")).claim
    user = UserFactory(username="desk-editor", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_ingestjob", "view_claim", "change_claim"])
    )
    token = ApiToken.objects.issue(user=user, name="generated client").key

    with urllib.request.urlopen(f"{live_server.url}/api/schema/?format=json") as answer:
        (tmp_path / "openapi.json").write_bytes(answer.read())
    generated = subprocess.run(
        [str(generator), "generate", "--path", "openapi.json", "--meta", "none"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    (tmp_path / "calls.py").write_text(CALLS)
    ran = subprocess.run(
        [
            str(generator.parent / "python"),
            "calls.py",
            live_server.url,
            token,
            str(published.pk),
            str(fresh.pk),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    got = json.loads(ran.stdout.strip().splitlines()[-1])
    assert got["modules"] > 40
    assert got["listed"] == [published.pk]  # anonymous: the published claim only
    assert len(got["scores"]) == 1 and 0 < got["scores"][0] <= 1
    assert got["retrieved"] == [published.pk, "The ferry fares doubled last winter"]
    url, kind = got["claim_review"]
    assert url.endswith(f"/claims/{published.pk}/") and kind == "ClaimReview"
    status, state, content_type = got["ingest"]
    assert status == 202 and state == "queued" and content_type.startswith("application/json")
    assert got["transition"] == [fresh.pk, "accepted"]
    assert got["csv"].startswith("id,text,kind,state")
    assert got["ndjson"] == [200, "application/x-ndjson", published.pk]
