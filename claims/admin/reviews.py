"""Other fact-checkers' verdicts (imported ClaimReview) and their links to our claims: the list of
reviews, and on each claim's page the links the search service made (also_checked_by), which an
editor confirms or removes (claims.curation.external)."""

import json
from typing import cast

from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from claims.admin.base import FastChangeList
from claims.curation import external
from claims.models import ExternalReview, ExternalReviewLink, ExternalReviewQuerySet, may_see_drafts


def also_checked_by(claim_id: int):
    """On a claim's page: other fact-checkers' reviews linked to it (suggested, confirmed or
    removed), each with its score and reason and the buttons to confirm or remove it. The buttons
    sit inside the claim's change form and post it (with its CSRF token) to the decision."""
    links = list(ExternalReviewLink.objects.filter(claim_id=claim_id).with_reviews().order_by("-score")[:50])
    if not links:
        return "No other fact-checker's review is linked."
    rows = []
    for link in links:
        review = link.review
        url = reverse("admin:claims_externalreview_decide", args=[link.pk])
        buttons = []
        if link.state != ExternalReviewLink.State.CONFIRMED or link.automatic:
            buttons.append(("confirm", "Confirm"))
        if link.state != ExternalReviewLink.State.REMOVED:
            buttons.append(("remove", "Remove"))
        rows.append(
            format_html(
                '<li><a href="{}">{}</a>: <strong>{}</strong> · {}{} · {}<br>“{}” {}</li>',
                review.url,
                review.publisher or "a fact-checker",
                review.rating_text or "rated",
                link.get_state_display().lower(),
                " (automatic)" if link.automatic else "",
                link.reason,
                review.claim_reviewed[:200],
                format_html_join(
                    " ",
                    '<button type="submit" name="decision" value="{}" formaction="{}" formmethod="post" '
                    'class="button">{}</button>',
                    ((value, url, label) for value, label in buttons),
                ),
            )
        )
    return format_html("<ul>{}</ul>", format_html_join("", "{}", ((row,) for row in rows)))


# The characters of a review's document its page shows: a whole document may be hundreds of KB.
DOCUMENT_SHOWN = 10_000


@admin.register(ExternalReview)
class ExternalReviewAdmin(FastChangeList):
    list_display = ["claim_reviewed_short", "publisher", "rating_text", "published_on", "origin", "language"]
    list_filter = ["origin", "language"]
    search_fields = ["claim_reviewed", "publisher", "url"]
    exclude = ["document"]
    readonly_fields = [f.name for f in ExternalReview._meta.fields if f.name != "document"] + [
        "document_shown"
    ]

    def get_queryset(self, request: HttpRequest):
        # The review's own page loads its document when it shows it.
        return cast(ExternalReviewQuerySet, super().get_queryset(request)).listed()

    def has_add_permission(self, request) -> bool:
        return False  # imported (import_claimreview, a ClaimReview feed, an ingested page)

    @admin.display(description="ClaimReview as read")
    def document_shown(self, review: ExternalReview) -> str:
        """Collapsed, and cut short: its length said, its first DOCUMENT_SHOWN characters shown."""
        text = json.dumps(review.document, indent=2, ensure_ascii=False)
        cut = len(text) > DOCUMENT_SHOWN
        return format_html(
            "<details><summary>{} characters of JSON{}</summary><pre>{}{}</pre></details>",
            f"{len(text):,}",
            f", the first {DOCUMENT_SHOWN:,} shown" if cut else "",
            text[:DOCUMENT_SHOWN],
            "\n…" if cut else "",
        )

    @admin.display(description="claim reviewed")
    def claim_reviewed_short(self, review: ExternalReview) -> str:
        return review.claim_reviewed[:140]

    def get_urls(self):
        decide = path(
            "links/<int:link_id>/decide/",
            self.admin_site.admin_view(self.decide_view),
            name="claims_externalreview_decide",
        )
        return [decide, *super().get_urls()]

    def decide_view(self, request: HttpRequest, link_id: int):
        # A link belongs to the claim's page (which an Editor sees), not to the reviews' list.
        if refusal := self.refused(request, view=may_see_drafts(request.user), post=["claims.change_claim"]):
            return refusal
        link = get_object_or_404(ExternalReviewLink, pk=link_id)
        page = reverse("admin:claims_claim_change", args=[link.claim_id])
        if request.method == "POST":
            confirm = request.POST.get("decision") == "confirm"
            self.call_service(
                request,
                lambda: external.decide_link(link_id=link.pk, confirm=confirm, user=request.user),
                "Link confirmed: shown as “also checked by”." if confirm else "Link removed.",
            )
        return HttpResponseRedirect(page)
