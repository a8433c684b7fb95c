"""robots.txt read as RFC 9309 has it, with its Crawl-delay honoured; pages in the world's
encodings come out as their words, whether the server declares the charset or not."""

import pytest
from django.core.cache import cache

from claims.ingest import decoding, politeness, submission
from claims.ingest.errors import UnusableInput
from claims.ingest.jobs import run_inline
from claims.models import IngestJob
from tests.servers import Route

ROBOTS = b"""User-agent: *
Disallow: /*?print=
Disallow: /*.pdf$
Disallow: /archive/
Allow: /archive/open/
Crawl-delay: 7
"""


@pytest.fixture
def no_robots_cache():
    cache.clear()
    yield
    cache.clear()


def robots(text: bytes):
    class Answer:
        body = text

    return lambda url: Answer()


@pytest.mark.parametrize(
    "path, allowed",
    [
        ("/news/1", True),
        ("/news/1?print=1", False),  # wildcard
        ("/files/report.pdf", False),  # $ anchor
        ("/files/report.pdf?x=1", True),  # ... only at the end
        ("/archive/2020/a", False),
        ("/archive/open/a", True),  # the longer Allow wins inside a disallowed folder
    ],
)
def test_robots_rules_are_read_as_rfc_9309_has_them(no_robots_cache, path, allowed):
    url = f"https://port.example{path}"
    if allowed:
        assert politeness.check_robots(url, fetch_robots=robots(ROBOTS)) == 7.0
    else:
        with pytest.raises(UnusableInput, match=r"robots\.txt disallows it"):
            politeness.check_robots(url, fetch_robots=robots(ROBOTS))


def test_crawl_delay_is_capped(no_robots_cache):
    assert (
        politeness.check_robots(
            "https://slow.example/a", fetch_robots=robots(b"User-agent: *\nCrawl-delay: 3600\n")
        )
        == 60.0
    )


@pytest.mark.django_db
def test_a_sites_crawl_delay_spaces_our_requests(settings, no_robots_cache, monkeypatch, http_server):
    settings.CLAIMS_FETCH_OBEY_ROBOTS = True
    settings.CLAIMS_FETCH_MIN_INTERVAL = 1.0
    asked = []
    monkeypatch.setattr(politeness, "wait_for_turn", lambda url, interval: asked.append(interval))
    page = "date 2024-03-01\nPort\n\n" + "The harbour master said the tolls would fall next year. " * 3
    routes = {
        "/robots.txt": Route(body=ROBOTS, content_type="text/plain"),
        "/news/1": Route(body=page.encode()),
    }
    routes["/news/1"].content_type = "text/plain; charset=utf-8"
    server = http_server(routes)
    job = submission.submit_url(f"{server.base}/news/1", enqueue=False)
    assert run_inline(job.pk).state == IngestJob.State.DONE
    assert asked and set(asked) == {7.0}


# Sentences written for these tests, one language a page.
PAGES = {
    "iso-8859-2": "Burmistrz Łodzi powiedział w poniedziałek, że prom będzie kursował aż do roku 2030. "
    "Radni się z tym nie zgodzili, a żółta łódź została w porcie przez całą zimę.",
    "koi8-r": "Мэр города заявил в понедельник, что паром будет ходить до 2030 года. "
    "Депутаты с этим не согласились, и жёлтая лодка осталась в порту на всю зиму.",
    "windows-1253": "Ο δήμαρχος δήλωσε τη Δευτέρα ότι το πλοίο θα συνεχίσει τα δρομολόγια έως το 2030. "
    "Οι σύμβουλοι διαφώνησαν και το κίτρινο σκάφος έμεινε στο λιμάνι όλο τον χειμώνα.",
    "gbk": "市长周一表示，渡轮将一直运营到二零三零年。议员们不同意这个计划，黄色的小船整个冬天都留在港口里。"
    "市民们希望政府能够尽快公布详细的财务报告。",
    "shift_jis": "市長は月曜日、フェリーは二〇三〇年まで運航を続けると述べた。議員たちはこの計画に反対し、"
    "黄色い船は冬の間ずっと港に残っていた。市民は詳しい報告を待っている。",
}


@pytest.mark.parametrize("charset", PAGES)
def test_the_http_charset_is_honoured(charset):
    text = PAGES[charset]
    assert decoding.decode(text.encode(charset), declared=charset) == text


@pytest.mark.parametrize("charset", PAGES)
def test_an_undeclared_charset_is_detected(charset):
    text = PAGES[charset]
    html = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    assert decoding.decode(html.encode(charset)) == html


def test_the_charset_parameter_is_read_from_the_content_type():
    assert decoding.charset_of('text/html; Charset="ISO-8859-2"') == "iso-8859-2"
    assert decoding.charset_of("text/html") == ""


@pytest.mark.django_db
def test_a_fetched_page_is_read_in_the_charset_its_server_declares(http_server):
    text = PAGES["koi8-r"]
    body = f"<html><head><title>Паром</title></head><body><article><p>{text}</p></article></body></html>"
    routes = {"/news/ru": Route(body=body.encode("koi8-r"), content_type="text/html; charset=KOI8-R")}
    server = http_server(routes)
    job = submission.submit_url(f"{server.base}/news/ru", enqueue=False)
    assert run_inline(job.pk).state == IngestJob.State.DONE
    job.refresh_from_db()
    assert "паром будет ходить до 2030 года" in job.source.text
