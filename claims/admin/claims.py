"""Claims: their list (filters that stay fast at a million rows, the API's ranked search), their
page (appearances in context with how each was found, history, corrections, similar claims) and the
workflow's actions (state changes, assignment, merge, split, verdict), all through
claims.curation.workflow."""

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from claims.admin import display
from claims.admin.base import FastChangeList, Refused, messages_of, plural
from claims.admin.filters import (
    AssignmentFilter,
    CheckworthinessBand,
    FirstSeenFilter,
    PublisherFilter,
    SourceFilter,
    SpeakerFilter,
    given_id,
)
from claims.admin.forms import ClaimForm, SplitForm
from claims.admin.reviews import also_checked_by
from claims.curation import workflow
from claims.models import Appearance, Claim, ClaimEvent, Correction, Rating
from claims.serve import statements
from claims.serve.selectors import search_claims

# The claim page's state buttons, by the state each moves the claim to.
TRANSITION_LABELS: dict[str, str] = {
    Claim.State.NEW: "Back to new",
    Claim.State.ACCEPTED: "Accept",
    Claim.State.REJECTED: "Reject",
    Claim.State.REVIEWED: "Mark reviewed",
    Claim.State.PUBLISHED: "Publish",
}

_APPEARANCE_FIELDS = (
    "source",
    "text",
    "speaker_mention",
    "speaker_kind",
    "role",
    "cue",
    "found_by",
    "speaker_resolution",
    "said_on",
    "match_score",
    "match_reason",
)


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    fields = _APPEARANCE_FIELDS
    readonly_fields = _APPEARANCE_FIELDS
    can_delete = False
    show_change_link = True

    @admin.display(description="found by")
    def found_by(self, appearance: Appearance) -> str:
        return display.found_by(appearance)

    @admin.display(description="speaker")
    def speaker_resolution(self, appearance: Appearance) -> str:
        return appearance.resolution or "-"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


_EVENT_FIELDS = ("at", "user", "action", "what")


def _quoted(value) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id") or "")
    return f"“{value}”" if value not in (None, "") else "nothing"


def event_in_words(event: ClaimEvent) -> str:
    """One step of a claim's history in words, not as its stored JSON."""
    d = event.details or {}
    action = event.action
    states = f"{event.from_state} → {event.to_state}" if event.from_state != event.to_state else ""
    if action == ClaimEvent.Action.TRANSITION:
        return states + (f" ({d['reason']})" if d.get("reason") else "")
    if action == ClaimEvent.Action.VERDICT:
        was = f", was {d['previous_rating']}" if d.get("previous_rating") else ""
        return f"rated “{d.get('label', '')}”{was}" + (
            f": {d['explanation']}" if d.get("explanation") else ""
        )
    if action == ClaimEvent.Action.EDIT:
        return "; ".join(
            f"{name}: {_quoted(c.get('from'))} → {_quoted(c.get('to'))}" for name, c in d.items()
        )
    if action == ClaimEvent.Action.MERGE:
        merged = ", ".join(f"claim {pk}" for pk in d.get("merged", []))
        across = " (different speakers, confirmed)" if d.get("across_speakers") else ""
        return f"{merged} merged in: {d.get('appearances_moved', 0)} appearance(s) moved{across}"
    if action == ClaimEvent.Action.SPLIT:
        return f"appearances {', '.join(map(str, d.get('appearances', [])))} split off to claim {d.get('to_claim')}"
    if action == ClaimEvent.Action.ASSIGN:
        due = f", due {d['due_on']}" if d.get("due_on") else ""
        return f"assigned to {d.get('to_name') or 'nobody'}{due}"
    if action == ClaimEvent.Action.ADD:
        return (
            f"added by an editor from source {d.get('source')} (characters {d.get('start')}–{d.get('end')}), "
            f"said by {_quoted(d.get('speaker'))}, {d.get('stance', '')}"
        )
    return ", ".join(f"{k}: {v}" for k, v in d.items()) or states


class ClaimEventInline(admin.TabularInline):
    """The claim's history on its page, in words: who changed what and when (newest first). The
    one history: the admin's "History" button comes here too."""

    model = ClaimEvent
    extra = 0
    fields = _EVENT_FIELDS
    readonly_fields = _EVENT_FIELDS
    can_delete = False
    verbose_name = "step"
    verbose_name_plural = "history"

    @admin.display(description="what")
    def what(self, event: ClaimEvent) -> str:
        return event_in_words(event)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


_CORRECTION_FIELDS = ("at", "what", "note", "user")


class CorrectionInline(admin.TabularInline):
    """The public corrections of a published claim (made by claims.curation.workflow)."""

    model = Correction
    extra = 0
    fields = _CORRECTION_FIELDS
    readonly_fields = _CORRECTION_FIELDS
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def _transition_action(state: str, label: str, done: str, permission: str):
    """A bulk action that moves claims through claims.curation.workflow, one by one, and reports
    what it could not do and why (a wrong state, a missing verdict, a missing permission).
    `done` says what was done ("Accepted {}."), `permission` who is offered the action."""

    def action(modeladmin, request, queryset):
        changed, refused = 0, []
        for claim_id in queryset.values_list("pk", flat=True)[:500]:
            try:
                workflow.claim_transition(claim_id=claim_id, to_state=state, user=request.user)
                changed += 1
            except (ValidationError, PermissionDenied) as exc:
                refused.append(f"claim {claim_id}: {messages_of(exc)}")
        if changed:
            modeladmin.message_user(request, done.format(plural(changed, "claim")), messages.SUCCESS)
        if refused:
            more = f" (and {len(refused) - 10} more)" if len(refused) > 10 else ""
            modeladmin.message_user(
                request, "Not changed: " + "; ".join(refused[:10]) + more, messages.WARNING
            )

    action.__name__ = f"make_{state}"
    return admin.action(description=f"{label} the selected claims", permissions=[permission])(action)


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Nobody (unassign)"
    )
    due_on = forms.DateField(required=False, label="Due on", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from claims.curation.desk import curators

        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["assignee"]).queryset = curators()


class VerdictForm(forms.Form):
    rating = forms.ModelChoiceField(queryset=Rating.objects.order_by("value"), to_field_name="value")
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 80}), required=False)


_CLAIM_FIELDS = (
    "text",
    "speaker",
    "kind",
    "stance",
    "state",
    "verdict_summary",
    "headline",
    "checkworthiness",
    "notes",
    "assigned_to",
    "in_source",
    "similar_claims",
    "also_checked",
    "paraphrase_of",
    "paraphrase_score",
    "fingerprint",
    "first_seen",
    "reviewed_at",
    "published_at",
    "updated_at",
)


@admin.register(Claim)
class ClaimAdmin(FastChangeList):
    form = ClaimForm
    list_display = [
        "statement",
        "speaker",
        "kind",
        "stance",
        "state",
        "worth",
        "verdict",
        "assigned_to",
        "first_seen",
    ]
    list_filter = [
        "state",
        "kind",
        "stance",
        "verdict",
        CheckworthinessBand,
        AssignmentFilter,
        FirstSeenFilter,
        SpeakerFilter,
        PublisherFilter,
        SourceFilter,
    ]
    list_display_links = ["statement"]
    list_select_related = ["speaker", "verdict", "assigned_to"]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker"]
    # State, verdict and assignment change only through the workflow (actions and the verdict
    # page), which enforces the allowed transitions and who may make them, exactly as the API does.
    fields = _CLAIM_FIELDS
    readonly_fields = tuple(f for f in _CLAIM_FIELDS if f not in workflow.EDITABLE)
    inlines = [AppearanceInline, CorrectionInline, ClaimEventInline]
    actions = [
        _transition_action(Claim.State.ACCEPTED, "Accept", "Accepted {}.", "change"),
        _transition_action(Claim.State.REJECTED, "Reject", "Rejected {}.", "change"),
        _transition_action(Claim.State.REVIEWED, "Mark reviewed", "Marked {} reviewed.", "review"),
        _transition_action(Claim.State.PUBLISHED, "Publish", "Published {}.", "publish"),
        "assign_to_me",
        "assign_to",
        "unassign",
        "merge_claims",
    ]
    change_form_template = "admin/claims/claim/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # claims come from articles; material is submitted, not typed in as claims

    # Actions are offered only to those who may take them (admin.action(permissions=[...])).
    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.review_claim")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.publish_claim")

    def history_view(self, request: HttpRequest, object_id, extra_context=None):
        """One history: the claim's own (ClaimEvent), shown on its page (to those who may see it;
        anyone else is refused as by any admin page)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        claim_id = given_id(str(object_id))
        if claim_id is None or not self.get_queryset(request).filter(pk=claim_id).exists():
            return super().history_view(request, object_id, extra_context)
        url = reverse("admin:claims_claim_change", args=[claim_id])
        return HttpResponseRedirect(f"{url}#events-group")

    def get_changelist_instance(self, request: HttpRequest):
        changelist = super().get_changelist_instance(request)
        statements.prime(changelist.result_list)  # the cues its statements need, in one query
        return changelist

    @admin.display(description="statement", ordering="pk")
    def statement(self, claim: Claim) -> str:
        """The claim as a sentence, with its speaker and stance ("Ada Quill denied that ..."), as
        every surface renders it (claims.serve.statements)."""
        text = statements.statement(claim)
        return text if len(text) <= 160 else text[:159] + "…"

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        claim_id = given_id(str(object_id))
        claim = Claim.objects.filter(pk=claim_id).first() if claim_id is not None else None
        extra = dict(extra_context or {})
        if claim is not None:
            first = (
                Appearance.objects.filter(claim=claim)
                .order_by("pk")
                .values_list("source_id", flat=True)
                .first()
            )
            extra.update(
                transitions=[
                    (state, TRANSITION_LABELS[state])
                    for state in workflow.transitions_for(claim=claim, user=request.user)
                ],
                may_review=request.user.has_perm("claims.review_claim"),
                may_curate=request.user.has_perm("claims.change_claim"),
                review_source=first,
            )
        return super().change_view(request, object_id, form_url, extra)

    def get_search_results(self, request, queryset, search_term):
        # The same search as the API (claims.retrieval): ranked, most relevant first.
        if not search_term.strip():
            return queryset, False
        return search_claims(queryset, search_term), False

    def get_ordering(self, request):
        # A search is listed by relevance (the search results' own ordering), unless a column is chosen.
        if request.GET.get("q", "").strip() and "o" not in request.GET:
            return []
        return super().get_ordering(request)

    def save_model(self, request, obj, form, change):
        # Through the workflow service: it re-checks identity under a lock and writes the history.
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in workflow.EDITABLE}
        workflow.claim_edit(claim_id=obj.pk, changes=changes, user=request.user)

    @admin.display(description="check-worthiness", ordering="checkworthiness")
    def worth(self, claim: Claim) -> str:
        return f"{claim.checkworthiness:.2f}"

    @admin.display(description="verdict")
    def verdict_summary(self, claim: Claim):
        return display.verdict_summary(claim)

    @admin.display(description="in its sources")
    def in_source(self, claim: Claim):
        return display.appearances_in_context(claim)

    @admin.display(description="already checked?")
    def similar_claims(self, claim: Claim):
        return display.similar_claims(claim)

    @admin.display(description="also checked by")
    def also_checked(self, claim: Claim):
        return also_checked_by(claim.pk)

    @admin.action(description="Assign the selected claims to me")
    def assign_to_me(self, request: HttpRequest, queryset):
        self._assign(request, queryset, request.user)

    @admin.action(description="Unassign the selected claims")
    def unassign(self, request: HttpRequest, queryset):
        self._assign(request, queryset, None)

    @admin.action(description="Assign the selected claims to an editor or reviewer…", permissions=["change"])
    def assign_to(self, request: HttpRequest, queryset):
        form = AssignForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._assign(request, queryset, form.cleaned_data["assignee"], form.cleaned_data["due_on"])
            return None
        return self.page(
            request,
            "admin/claims/claim/assign.html",
            "Assign claims",
            # Every selected row is carried through the page (an action takes at most 500); 50 are listed.
            objects=list(queryset.select_related("speaker")[:500]),
            form=form,
            action="assign_to",
            action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
        )

    def _assign(self, request, queryset, assignee, due_on=None) -> None:
        due = f", due {due_on:%d %B %Y}" if due_on else ""
        self.call_service(
            request,
            lambda: workflow.claim_assign(
                claim_ids=queryset.values_list("pk", flat=True)[:500],
                assignee=assignee,
                user=request.user,
                due_on=due_on,
            ),
            lambda count: (
                f"Assigned {plural(count, 'claim')} to {assignee}{due}."
                if assignee
                else f"Unassigned {plural(count, 'claim')}."
            ),
        )

    @admin.action(description="Merge the selected claims (the same statement)")
    def merge_claims(self, request: HttpRequest, queryset):
        return self.merge_selected(
            request,
            queryset.select_related("speaker"),
            merge=lambda keep, others: workflow.claim_merge(
                target_id=keep,
                other_ids=others,
                user=request.user,
                across_speakers=request.POST.get("across_speakers") == "1",
            ),
            done=lambda claim, merged: f"Merged {plural(merged, 'claim')} into claim {claim.pk}.",
            title="Merge claims: which one is kept?",
        )

    def get_urls(self):
        verdict = path(
            "<int:claim_id>/verdict/",
            self.admin_site.admin_view(self.verdict_view),
            name="claims_claim_verdict",
        )
        split = path(
            "<int:claim_id>/split/",
            self.admin_site.admin_view(self.split_view),
            name="claims_claim_split",
        )
        transition = path(
            "<int:claim_id>/transition/",
            self.admin_site.admin_view(self.transition_view),
            name="claims_claim_transition",
        )
        return [verdict, split, transition, *super().get_urls()]

    def transition_view(self, request: HttpRequest, claim_id: int):
        """A state button of the claim page: one POST, through the workflow, back to the page."""
        to_state = request.POST.get("to", "")
        page = reverse("admin:claims_claim_change", args=[claim_id])
        # A state the workflow does not know needs change_claim here, then is refused in words.
        permission = workflow.PERMISSION_FOR.get(to_state, "claims.change_claim")
        if refusal := self.refused(
            request, view=self.has_view_permission(request), post=[permission], back=page
        ):
            return refusal
        if request.method != "POST":
            return HttpResponseRedirect(page)
        claim = get_object_or_404(Claim, pk=claim_id)
        label = TRANSITION_LABELS.get(to_state, to_state)
        self.call_service(
            request,
            lambda: workflow.claim_transition(claim_id=claim.pk, to_state=to_state, user=request.user),
            lambda changed: (
                f"Claim {claim.pk}: {label.lower()}, it is now {changed.get_state_display().lower()}."
            ),
        )
        return HttpResponseRedirect(page)

    def split_view(self, request: HttpRequest, claim_id: int):
        # Only those who may split a claim are shown the page that does it.
        if refusal := self.refused(
            request, view=self.has_change_permission(request), post=["claims.change_claim"]
        ):
            return refusal
        claim = get_object_or_404(Claim.objects.select_related("speaker"), pk=claim_id)
        appearances = Appearance.objects.filter(claim=claim).select_related("source").order_by("pk")[:200]
        form = SplitForm(request.POST or None, appearances=appearances)
        if request.method == "POST" and form.is_valid():
            new = self.call_service(
                request,
                lambda: workflow.claim_split(
                    claim_id=claim.pk, appearance_ids=form.cleaned_data["appearances"], user=request.user
                ),
                lambda new: f"Split off as claim {new.pk}.",
            )
            if not isinstance(new, Refused):
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[new.pk]))
        return self.page(
            request,
            "admin/claims/claim/split.html",
            f"Split claim {claim.pk}",
            form=form,
            claim=claim,
            subject=claim,
        )

    def verdict_view(self, request: HttpRequest, claim_id: int):
        if refusal := self.refused(
            request, view=self.has_view_permission(request), post=["claims.review_claim"]
        ):
            return refusal
        claim = get_object_or_404(Claim, pk=claim_id)
        form = VerdictForm(request.POST or None, initial={"explanation": claim.verdict_explanation})
        if request.method == "POST" and form.is_valid():
            saved = self.call_service(
                request,
                lambda: workflow.claim_set_verdict(
                    claim_id=claim.pk,
                    rating_value=form.cleaned_data["rating"].value,
                    explanation=form.cleaned_data["explanation"],
                    user=request.user,
                ),
                "Verdict saved.",
            )
            if not isinstance(saved, Refused):
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        return self.page(
            request,
            "admin/claims/claim/verdict.html",
            f"Verdict for claim {claim.pk}",
            form=form,
            claim=claim,
            subject=claim,
        )
