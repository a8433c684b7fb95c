"""The editors' admin. Lists avoid full COUNT(*) (show_full_result_count) and N+1 queries
(list_select_related); speakers are chosen by autocomplete, never from a select of all."""

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims.forms import SubmitMaterialForm
from claims.models import Appearance, Claim, IngestJob, Publisher, PublisherDomain, Rating, Source, Speaker
from claims.services import ingestion


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


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    fields = ["source", "text", "speaker_mention", "role", "cue", "said_on"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "kind", "state", "checkworthiness", "verdict", "first_seen"]
    list_filter = ["state", "kind", "verdict"]
    list_select_related = ["speaker", "verdict"]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker"]
    readonly_fields = ["fingerprint", "first_seen", "updated_at"]
    date_hierarchy = "first_seen"
    show_full_result_count = False
    inlines = [AppearanceInline]


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


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["claim", "source", "speaker_mention", "cue", "said_on"]
    list_select_related = ["claim", "source"]
    raw_id_fields = ["claim", "source"]
    show_full_result_count = False


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
