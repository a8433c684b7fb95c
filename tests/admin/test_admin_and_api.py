import pytest
from django.urls import reverse

from claims.models import IngestJob
from tests.articles import PLAIN_ARTICLE
from tests.factories import AppearanceFactory, IngestJobFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["claim", "speaker", "source", "appearance", "ingestjob", "publisher", "rating"]
)
def test_admin_lists_render(admin_client, model):
    AppearanceFactory()
    IngestJobFactory()
    response = admin_client.get(reverse(f"admin:claims_{model}_changelist"))
    assert response.status_code == 200


def test_claim_change_page_renders_with_its_appearances(admin_client):
    appearance = AppearanceFactory()
    response = admin_client.get(reverse("admin:claims_claim_change", args=[appearance.claim_id]))
    assert response.status_code == 200
    assert appearance.source.title in response.content.decode()


def test_submit_page_creates_jobs_and_enqueues_them(
    admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    sent: list[int] = []
    monkeypatch.setattr("claims.ingest.tasks.ingest_job.delay", sent.append)
    url = reverse("admin:claims_ingestjob_submit")
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, {"urls": "https://news.example/a\nhttps://news.example/b", "text": PLAIN_ARTICLE}
        )
    assert response.status_code == 302
    jobs = IngestJob.objects.order_by("pk")
    assert [j.kind for j in jobs] == ["url", "url", "text"]
    assert sorted(sent) == [j.pk for j in jobs]
    # The next page follows exactly these jobs, reloading while any is unfinished.
    ids = ",".join(str(j.pk) for j in jobs)
    assert response["Location"].endswith(f"?id__in={ids}")
    IngestJobFactory(url="https://news.example/unrelated", kind="url", payload=None)
    following = admin_client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in following
    assert "news.example/a" in following and "news.example/unrelated" not in following
    jobs.update(state=IngestJob.State.DONE)
    finished = admin_client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in finished


def test_submit_page_rejects_nothing_and_bad_urls(admin_client):
    url = reverse("admin:claims_ingestjob_submit")
    assert "Give at least one URL" in admin_client.post(url, {"urls": "", "text": ""}).content.decode()
    assert "not an http(s) URL" in admin_client.post(url, {"urls": "ftp://x.example/a"}).content.decode()
    assert IngestJob.objects.count() == 0


def test_submit_page_is_for_staff_only(client, plain_user):
    client.force_login(plain_user)
    response = client.get(reverse("admin:claims_ingestjob_submit"))
    assert response.status_code == 302 and "/login/" in response["Location"]
