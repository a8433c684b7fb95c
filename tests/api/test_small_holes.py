"""Small holes found by probing: CSV formulas, an oversized body, offline API docs, a NUL byte deep
in an article, a refused loopback URL that says which setting would allow it."""

import csv
import io
import json
import logging
import socket

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from claims.ingest import fetching, submission
from claims.ingest.errors import UnusableInput
from claims.ingest.jobs import run_inline
from claims.models import Claim, IngestJob
from tests.factories import AppearanceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(editor, formula):
    appearance = AppearanceFactory()
    Claim.objects.filter(pk=appearance.claim_id).update(text=formula)
    body = b"".join(editor.get("/api/claims/export.csv").streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    header, cells = rows[0], rows[1]
    text = cells[header.index("text")]
    assert text == "'" + formula
    assert not text.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_an_oversized_body_gets_the_apis_json_error(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = b'{"text": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    response = editor.post("/api/ingest-jobs/", data=body, content_type="application/json")
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "request_too_large" and "1 MB" in error["message"]


def test_an_article_over_the_ingest_limit_is_refused_in_json(editor):
    body = b'{"text": "' + b"a" * (11 * 1024 * 1024) + b'"}'
    response = editor.post("/api/ingest-jobs/", data=body, content_type="application/json")
    assert response.status_code in (400, 413)
    said = response.json()["error"]["message"] + str(response.json()["error"]["details"])
    assert "10485760 characters" in said or "10 MB" in said


def test_the_api_docs_are_served_from_our_own_static_files(client):
    page = client.get("/api/docs/").content.decode()
    assert "cdn.jsdelivr.net" not in page and "unpkg.com" not in page
    assert "swagger-ui-dist/swagger-ui-bundle.js" in page
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def test_a_nul_byte_deep_in_an_article_is_stripped_at_once():
    text = "The harbour master said the tolls would fall next year. " * 2000 + "\x00" + " The end."
    assert len(text.split("\x00")[0].encode()) > 64 * 1024
    job = submission.submit_bytes(text.encode(), filename="article.txt", enqueue=False)
    outcome = run_inline(job.pk)
    job.refresh_from_db()
    assert job.state == IngestJob.State.DONE, job.error
    assert job.attempts == 1 and outcome.state == IngestJob.State.DONE
    assert "\x00" not in job.source.raw and "\x00" not in job.source.text


def test_a_refused_loopback_url_names_the_setting_that_would_allow_it():
    with pytest.raises(UnusableInput) as refused:
        fetching.resolve("http://127.0.0.1:9/", allowed_networks=())
    assert "add 127.0.0.1:9 or its network to CLAIMS_FETCH_ALLOWED_NETWORKS" in refused.value.detail


def test_a_refused_fetch_tells_api_clients_no_internal_address(editor, admin_client, monkeypatch, caplog):
    """An API client learns that the host is not public, not which internal address it resolved
    to (a map of the network behind the firewall); the log and the admin's job page say it."""
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "intranet.news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.20.30.40", 80))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    posted = editor.post("/api/ingest-jobs/", {"url": "http://intranet.news.example/story"}, format="json")
    job_id = posted.json()["id"]
    with caplog.at_level(logging.INFO, logger="claims"):
        run_inline(job_id)
    shown = editor.get(f"/api/ingest-jobs/{job_id}/").json()
    assert shown["state"] == "failed"
    assert "intranet.news.example is not a public address" in shown["error"]
    listed = editor.get("/api/ingest-jobs/").content.decode()
    assert "10.20.30.40" not in json.dumps(shown) and "10.20.30.40" not in listed
    assert "intranet.news.example resolves to 10.20.30.40" in caplog.text
    page = admin_client.get(reverse("admin:claims_ingestjob_change", args=[job_id])).content.decode()
    assert "intranet.news.example resolves to 10.20.30.40" in page
