"""The public, server-rendered record: published claims, their speakers and sources, search.

Thin views over claims.public.selectors. Pages are the same for every reader, so they carry
Cache-Control: public and an ETag of their content (a conditional GET gets 304).
"""

import json
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import decorator_from_middleware
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from claims.public import charts, selectors
from claims.public.forms import SearchForm
from claims.serve import statements
from claims.serve.claimreview import claim_review

MAX_AGE = 300
# Inside <script>, "</script>" or "<!--" in a claim would end or confuse the element: JSON allows
# these characters escaped, so nothing in the data can leave the JSON-LD block.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def public_page(view):
    view = require_safe(view)
    view = cache_control(public=True, max_age=MAX_AGE)(view)
    return decorator_from_middleware(ConditionalGetMiddleware)(view)


def json_ld(data: dict) -> str:
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE))


@public_page
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "latest": selectors.latest_published(),
        "speakers": selectors.most_checked_speakers(timezone.now()),
        "form": SearchForm(),
    }
    return TemplateResponse(request, "public/home.html", context)


@public_page
def claim_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim, appearances = selectors.published_claim(claim_id)
    context = {
        "claim": claim,
        "appearances": appearances,
        "role": next((a.role for a in appearances if a.role), ""),
        "statement": statements.statement(claim, cue=statements.first_cue(appearances)),
        # Which date the page shows, and what it is: when it was said, else when its source was
        # published, else (saying so) when this record first saw it; never a bare ingestion time.
        "said": next(((a.said_on, a.said_on_basis) for a in appearances if a.said_on), (None, "")),
        "published_on": next((a.source.published_on for a in appearances if a.source.published_on), None),
        "json_ld": json_ld(claim_review(claim, appearances=appearances)) if claim.verdict_id else None,
        "also_checked_by": selectors.also_checked_by(claim),
    }
    return TemplateResponse(request, "public/claim.html", context)


@public_page
def speaker_page(request: HttpRequest, speaker_id: int) -> HttpResponse:
    record = selectors.speaker_record(speaker_id)
    per_month = [(month.strftime("%b %Y"), n) for month, n in record.per_month]
    context = {
        "record": record,
        "speaker": record.speaker,
        "timeline": charts.columns("Published claims per month", per_month),
        "verdicts": charts.rows("Verdicts", record.per_verdict),
    }
    return TemplateResponse(request, "public/speaker.html", context)


@public_page
def source_page(request: HttpRequest, source_id: int) -> HttpResponse:
    record = selectors.source_record(source_id)
    return TemplateResponse(request, "public/source.html", {"record": record, "source": record.source})


@public_page
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results: list = []
    has_next, page, next_query = False, 1, ""
    if form.is_valid():
        data = form.cleaned_data
        page = data["page"] or 1
        filters = selectors.SearchFilters(
            query=data["q"],
            speaker=data["speaker"],
            verdict=data["verdict"],
            since=data["since"],
            until=data["until"],
        )
        results, has_next = selectors.search_published(filters, page)
        if has_next:
            params = {k: v for k, v in request.GET.items() if k != "page" and v}
            next_query = urlencode({**params, "page": page + 1})
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {
        "form": form,
        "results": results,
        "page": page,
        "next_query": next_query,
        "searched": form.is_bound,
    }
    return TemplateResponse(request, "public/search.html", context, status=status)
