"""Sources: the article's text with its claims marked (never edited: appearances point into it by
offset), the review page (an article's claims decided one by one, from the keyboard), re-extraction,
and the appearances list."""

from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from claims.admin import display
from claims.admin.base import FastChangeList, Refused, plural
from claims.admin.forms import ReviewDecisionForm
from claims.curation import reextraction, review
from claims.models import KIND_CHOICES, STANCE_CHOICES, Appearance, Claim, Source, Speaker, may_see_drafts
from claims.serve import statements, transcripts


@admin.register(Source)
class SourceAdmin(FastChangeList):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "publisher", "published_on", "language", "extractor_version", "created_at"]
    list_filter = ["raw_format", "language", "extractor_version"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url"]
    autocomplete_fields = ["publisher"]
    # The text is shown with its claims marked, never edited: appearances point into it by offset.
    fields = [
        "title",
        "url",
        "authors",
        "publisher",
        "published_on",
        "language",
        "text_with_claims",
        "content_hash",
        "extractor_version",
        "raw_format",
        "created_at",
    ]
    readonly_fields = ["text_with_claims", "content_hash", "extractor_version", "created_at", "raw_format"]
    actions = ["reextract"]
    change_form_template = "admin/claims/source/change_form.html"

    @admin.display(description="text, with its claims")
    def text_with_claims(self, source: Source):
        return display.source_with_claims(source)

    @admin.action(description="Re-run extraction (keeps every claim an editor touched)")
    def reextract(self, request: HttpRequest, queryset):
        for source_id in queryset.values_list("pk", flat=True)[:50]:
            self._reextract(request, source_id)

    def _reextract(self, request: HttpRequest, source_id: int) -> None:
        self.call_service(
            request,
            lambda: reextraction.reextract_source(source_id=source_id, user=request.user),
            lambda result: (
                f"Source {source_id} extracted again: kept {plural(result.kept_curated, 'curated claim')}, "
                f"replaced {plural(result.appearances_replaced, 'machine appearance')}, "
                f"added {plural(result.appearances_created, 'appearance')} and "
                f"{plural(result.claims_created, 'claim')}."
            ),
        )

    def get_urls(self):
        reextract = path(
            "<int:source_id>/reextract/",
            self.admin_site.admin_view(self.reextract_view),
            name="claims_source_reextract",
        )
        review = path(
            "<int:source_id>/review/",
            self.admin_site.admin_view(self.review_view),
            name="claims_source_review",
        )
        return [reextract, review, *super().get_urls()]

    def review_view(self, request: HttpRequest, source_id: int):
        """Review an article: its text with every claim marked beside the list of its claims; one
        POST per decision, through claims.curation.review, then on to the next claim."""
        # Its every decision (accept, reject, edit, speaker, merge; "next" too) is posted by the
        # curators' forms only.
        view = self.has_view_permission(request) and may_see_drafts(request.user)
        if refusal := self.refused(request, view=view, post=["claims.change_claim"]):
            return refusal
        source = get_object_or_404(Source.objects.select_related("publisher"), pk=source_id)
        here = reverse("admin:claims_source_review", args=[source.pk])
        if request.method == "POST":
            focus, pending = self._review_decision(request, source)
            if focus and pending:  # a merge to confirm: both statements shown, nothing merged yet
                return HttpResponseRedirect(f"{here}?focus={focus}&merge={pending}#merge-confirm")
            return HttpResponseRedirect(f"{here}?focus={focus}#claim-{focus}" if focus else here)
        listed = review.items(source)
        ids = [item.claim.pk for item in listed]
        try:
            focus = int(request.GET.get("focus", ""))
        except ValueError:
            focus = None
        if focus not in ids:
            focus = review.next_after(listed, None) if listed else None
        focused = next((item for item in listed if item.claim.pk == focus), None)
        position = ids.index(focus) if focus in ids else 0
        merging = (
            review.merge_question(claim=focused.claim, target_id=int(request.GET["merge"]), user=request.user)
            if focused is not None and request.GET.get("merge", "").isdigit()
            else None
        )
        return self.page(
            request,
            "admin/claims/source/review.html",
            f"Review: {source}",
            subject=source,
            source=source,
            items=listed,
            focus=focus,
            previous_id=ids[position - 1] if position > 0 else None,
            next_id=review.next_after(listed, focus) if focus else None,
            remaining=sum(1 for item in listed if item.claim.state == Claim.State.NEW),
            text=display.review_text(source, listed, focus),
            suggestions=display.similar(focused.claim) if focused is not None else [],
            merging=merging,
            stances=STANCE_CHOICES,
            claim_kinds=KIND_CHOICES,
            # A transcript's check-worthy statements, each with the fact checks most like it.
            checked=transcripts.already_checked(claims=[item.claim for item in listed])
            if source.is_transcript
            else {},
            may_curate=request.user.has_perm("claims.change_claim"),
            may_create_speaker=request.user.has_perm("claims.add_speaker"),
            kinds=Speaker.Kind.choices,
        )

    def _review_decision(self, request: HttpRequest, source: Source) -> tuple[int | None, int | None]:
        """Carry out the decision posted, once its form has checked every field (or say why not);
        the claim to show next, and the claim a merge waits to be confirmed into (or None)."""
        form = ReviewDecisionForm(request.POST, source=source, user=request.user)
        if not form.is_valid():
            self.message_user(request, form.refusal(), messages.ERROR)
            return form.cleaned_data.get("claim"), None
        data = form.cleaned_data
        decision = data["decision"]
        user = request.user
        if decision == "merge" and not data["confirm"]:
            return data["claim"], data["target"]
        if decision == "add":
            added = self.call_service(
                request,
                lambda: review.add_statement(
                    source_id=source.pk,
                    start=data["start"],
                    end=data["end"],
                    speaker=data["speaker"],
                    create=data["create"],
                    speaker_kind=data["kind"],
                    stance=data["stance"] or Claim.Stance.ASSERTED,
                    kind=data["claim_kind"] or "",
                    user=user,
                ),
                lambda claim: f"Claim {claim.pk} added: “{statements.statement(claim)}”.",
            )
            return (None if isinstance(added, Refused) else added.pk), None
        if decision in ReviewDecisionForm.WITHOUT_A_CLAIM:
            verb = decision.split("_")[0]
            self.call_service(
                request,
                lambda: review.decide_remaining(source_id=source.pk, decision=verb, user=user),
                lambda n: (
                    f"{verb.capitalize()}ed {plural(n, 'claim')}."
                    if n
                    else "No claim of this article was still new."
                ),
            )
            return None, None
        claim_id: int = data["claim"]
        if decision == "next":
            return review.next_after(review.items(source), claim_id), None
        calls: dict[str, tuple] = {
            "accept": (
                lambda: review.decide(claim_id=claim_id, decision="accept", user=user),
                f"Accepted claim {claim_id}.",
            ),
            "reject": (
                lambda: review.decide(claim_id=claim_id, decision="reject", user=user),
                f"Rejected claim {claim_id}.",
            ),
            "edit": (
                lambda: review.edit_statement(claim_id=claim_id, text=data["text"], user=user),
                f"Claim {claim_id}'s statement saved.",
            ),
            "speaker": (
                lambda: review.change_speaker(
                    claim_id=claim_id,
                    name=data["speaker"],
                    create=data["create"],
                    kind=data["kind"],
                    user=user,
                ),
                lambda claim: f"Claim {claim_id} is now {claim.speaker or 'without a speaker'}'s.",
            ),
            "merge": (
                lambda: review.merge_into(
                    claim_id=claim_id,
                    target_id=data["target"],
                    user=user,
                    across_speakers=data["across_speakers"],
                ),
                lambda kept: f"Claim {claim_id} merged into claim {kept.pk}.",
            ),
        }
        call, done = calls[decision]
        result = self.call_service(request, call, done)
        if isinstance(result, Refused):
            return claim_id, None
        if decision == "merge":
            kept = Appearance.objects.filter(source=source, claim=result).exists()
            return (result.pk if kept else None), None
        if decision in ("accept", "reject"):
            return review.next_after(review.items(source), claim_id), None
        return claim_id, None

    def reextract_view(self, request: HttpRequest, source_id: int):
        page = reverse("admin:claims_source_change", args=[source_id])
        view = self.has_view_permission(request)
        if refusal := self.refused(request, view=view, post=["claims.change_claim"], back=page):
            return refusal
        if request.method != "POST":
            return HttpResponseRedirect(page)
        get_object_or_404(Source, pk=source_id)
        self._reextract(request, source_id)
        return HttpResponseRedirect(reverse("admin:claims_source_change", args=[source_id]))


@admin.register(Appearance)
class AppearanceAdmin(FastChangeList):
    list_display = ["claim", "source", "speaker_mention", "cue", "stance", "rule", "said_on", "said_at"]

    @admin.display(description="time code", ordering="timecode")
    def said_at(self, appearance: Appearance) -> str:
        return transcripts.clock(appearance.timecode) or "-"

    readonly_fields = ["found_by", "resolution"]

    @admin.display(description="found by")
    def found_by(self, appearance: Appearance) -> str:
        return display.found_by(appearance)

    list_select_related = ["claim", "source"]
    raw_id_fields = ["claim", "source"]
