"""The editors' admin. Lists avoid full COUNT(*) (show_full_result_count) and N+1 queries
(list_select_related); speakers are chosen by autocomplete, never from a select of all."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims import admin_views
from claims.forms import SubmitMaterialForm
from claims.models import (
    Appearance,
    Claim,
    ClaimEvent,
    IngestJob,
    Publisher,
    PublisherDomain,
    Rating,
    Source,
    Speaker,
)
from claims.selectors import search_claims
from claims.services import ingestion, workflow


class PublisherDomainInline(admin.TabularInline):
    model = PublisherDomain
    extra = 0


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name", "domains__domain"]
    inlines = [PublisherDomainInline]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "wikidata_id", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "name_key"]
    readonly_fields = ["name_key", "created_at"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    fields = ["source", "text", "speaker_mention", "role", "cue", "said_on"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ClaimEventInline(admin.TabularInline):
    """The claim's history on its page: who changed what and when (newest first)."""

    model = ClaimEvent
    extra = 0
    fields = ["at", "user", "action", "from_state", "to_state", "details"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CheckworthinessBand(admin.SimpleListFilter):
    title = "check-worthiness"
    parameter_name = "checkworthiness"
    BANDS = {"high": (0.7, 1.01), "medium": (0.4, 0.7), "low": (0.0, 0.4)}

    def lookups(self, request, model_admin):
        return [
            ("high", "High (0.7 and above)"),
            ("medium", "Medium (0.4 to 0.7)"),
            ("low", "Low (below 0.4)"),
        ]

    def queryset(self, request, queryset):
        if self.value() in self.BANDS:
            low, high = self.BANDS[self.value()]
            return queryset.filter(checkworthiness__gte=low, checkworthiness__lt=high)
        return queryset


def _transition_action(state: str, label: str):
    """A bulk action that moves claims through claims.services.workflow, one by one, and reports
    what it could not do and why (a wrong state, a missing verdict, a missing permission)."""

    def action(modeladmin, request, queryset):
        done, refused = 0, []
        for claim_id in queryset.values_list("pk", flat=True)[:500]:
            try:
                workflow.transition(claim_id, state, request.user)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                refused.append(f"#{claim_id}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
        if done:
            modeladmin.message_user(request, f"{done} claim(s) {label.lower()}.", messages.SUCCESS)
        if refused:
            modeladmin.message_user(request, "Not changed: " + "; ".join(refused[:10]), messages.WARNING)

    action.__name__ = f"make_{state}"
    return admin.action(description=f"{label} the selected claims")(action)


class VerdictForm(forms.Form):
    rating = forms.ModelChoiceField(queryset=Rating.objects.order_by("value"), to_field_name="value")
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 80}), required=False)


# On the claim page editors correct these; everything else is shown, not edited.
CLAIM_EDITABLE_FIELDS = ("text", "speaker", "kind", "checkworthiness")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "kind", "state", "worth", "verdict", "first_seen"]
    list_filter = ["state", "kind", "verdict", CheckworthinessBand]
    list_select_related = ["speaker", "verdict"]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker"]
    # State and verdict change only through the workflow (actions and the verdict page), which
    # enforces the allowed transitions and who may make them, exactly as the API does.
    fields = [
        "text",
        "speaker",
        "kind",
        "state",
        "verdict_summary",
        "checkworthiness",
        "in_source",
        "fingerprint",
        "first_seen",
        "reviewed_at",
        "published_at",
        "updated_at",
    ]
    readonly_fields = [f for f in fields if f not in CLAIM_EDITABLE_FIELDS]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows
    inlines = [AppearanceInline, ClaimEventInline]
    actions = [
        _transition_action(Claim.State.ACCEPTED, "Accept"),
        _transition_action(Claim.State.REJECTED, "Reject"),
        _transition_action(Claim.State.REVIEWED, "Mark reviewed"),
        _transition_action(Claim.State.PUBLISHED, "Publish"),
    ]
    change_form_template = "admin/claims/claim/change_form.html"

    def get_search_results(self, request, queryset, search_term):
        # The same search as the API: full-text on the GIN index on PostgreSQL (a LIKE scan over a
        # million claims would not do), a substring match elsewhere.
        if not search_term.strip():
            return queryset, False
        return search_claims(queryset, search_term), False

    @admin.display(description="check-worthiness", ordering="checkworthiness")
    def worth(self, claim: Claim) -> str:
        return f"{claim.checkworthiness:.2f}"

    @admin.display(description="verdict")
    def verdict_summary(self, claim: Claim):
        return admin_views.verdict_summary(claim)

    @admin.display(description="in its sources")
    def in_source(self, claim: Claim):
        return admin_views.appearances_in_context(claim)

    def get_urls(self):
        verdict = path(
            "<int:claim_id>/verdict/",
            self.admin_site.admin_view(self.verdict_view),
            name="claims_claim_verdict",
        )
        return [verdict, *super().get_urls()]

    def verdict_view(self, request: HttpRequest, claim_id: int):
        claim = get_object_or_404(Claim, pk=claim_id)
        form = VerdictForm(request.POST or None, initial={"explanation": claim.verdict_explanation})
        if request.method == "POST" and form.is_valid():
            try:
                workflow.set_verdict(
                    claim.pk,
                    form.cleaned_data["rating"].value,
                    form.cleaned_data["explanation"],
                    request.user,
                )
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
            else:
                self.message_user(request, "Verdict saved.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "claim": claim,
            "title": f"Verdict for claim {claim.pk}",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/claim/verdict.html", context)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "published_on", "extractor_version", "created_at"]
    list_filter = ["raw_format", "extractor_version"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url"]
    autocomplete_fields = ["publisher"]
    readonly_fields = ["content_hash", "extractor_version", "created_at", "raw_format"]
    exclude = ["raw"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["claim", "source", "speaker_mention", "cue", "said_on"]
    list_select_related = ["claim", "source"]
    raw_id_fields = ["claim", "source"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["value", "label", "description"]


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "kind",
        "what",
        "state",
        "attempts",
        "claims_created",
        "error_summary",
        "created_at",
    ]
    list_filter = ["state", "kind"]
    list_select_related = ["source"]
    search_fields = ["url", "filename"]
    exclude = ["payload", "lease"]
    readonly_fields = [
        "kind",
        "url",
        "filename",
        "state",
        "error",
        "attempts",
        "source",
        "claims_created",
        "appearances_created",
        "speakers_created",
        "submitted_by",
        "created_at",
        "enqueued_at",
        "started_at",
        "finished_at",
    ]
    actions = ["retry"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs are created from the submit page, the API or the ingest command

    @admin.display(description="input")
    def what(self, job: IngestJob) -> str:
        return job.url or job.filename or job.get_kind_display()

    @admin.display(description="error")
    def error_summary(self, job: IngestJob) -> str:
        return job.error[:120]

    @admin.action(description="Retry the selected failed jobs")
    def retry(self, request: HttpRequest, queryset) -> None:
        count = ingestion.retry_failed(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} job(s) queued again.", messages.SUCCESS)

    def get_urls(self):
        submit = path("submit/", self.admin_site.admin_view(self.submit_view), name="claims_ingestjob_submit")
        return [submit, *super().get_urls()]

    def submit_view(self, request: HttpRequest):
        if not self.has_view_permission(request) or not request.user.has_perm("claims.add_ingestjob"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        form = SubmitMaterialForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            jobs = ingestion.submit_material(
                urls=form.cleaned_data["urls"],
                text=form.cleaned_data.get("text") or "",
                upload=form.cleaned_data.get("file"),
                user=request.user,
            )
            self.message_user(request, f"Created {len(jobs)} ingest job(s).", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:claims_ingestjob_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Submit material",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/submit.html", context)
