"""The editors' admin. Lists avoid full COUNT(*) (show_full_result_count) and N+1 queries
(list_select_related); speakers are chosen by autocomplete, never from a select of all."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims import admin_views
from claims.admin_filters import (
    AssignmentFilter,
    CappedCountPaginator,
    CheckworthinessBand,
    FirstSeenFilter,
    PublisherFilter,
    SpeakerFilter,
)
from claims.forms import ClaimForm, MergeForm, SpeakerForm, SpeakerSplitForm, SplitForm, SubmitMaterialForm
from claims.models import (
    Appearance,
    Claim,
    ClaimEvent,
    Correction,
    Feed,
    IngestJob,
    Publisher,
    PublisherDomain,
    Rating,
    Source,
    Speaker,
)
from claims.selectors import search_claims
from claims.services import feeds, ingestion, reextraction, speakers, workflow


class PublisherDomainInline(admin.TabularInline):
    model = PublisherDomain
    extra = 0


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name", "domains__domain"]
    inlines = [PublisherDomainInline]


def _messages(exc: Exception) -> str:
    return " ".join(getattr(exc, "messages", [str(exc)]))


def _confirm_page(modeladmin, request, queryset, form, template: str, title: str):
    """The page an admin action shows before it acts (merges): the chosen rows and a form."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": list(queryset[:50]),
        "form": form,
        "action": request.POST.get("action", ""),
        "opts": modeladmin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, template, context)


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    form = SpeakerForm
    list_display = ["name", "kind", "wikidata_id", "claims_link", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "name_key"]
    fields = [
        "name",
        "kind",
        "aliases_text",
        "description",
        "wikidata_id",
        "homonym_of",
        "name_key",
        "claims_link",
        "created_at",
    ]
    readonly_fields = ["name_key", "homonym_of", "claims_link", "created_at"]
    actions = ["merge_speakers"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows
    change_form_template = "admin/claims/speaker/change_form.html"

    @admin.display(description="claims")
    def claims_link(self, speaker: Speaker):
        url = reverse("admin:claims_claim_changelist") + f"?speaker={speaker.pk}"
        return format_html('<a href="{}">See their claims</a>', url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "aliases_text" in form.changed_data or not change:
            # Aliases are identity: the service keeps the keys ingestion resolves names through.
            speakers.set_aliases(obj.pk, form.cleaned_data["aliases_text"], request.user)

    def get_urls(self):
        split = path(
            "<int:speaker_id>/split/",
            self.admin_site.admin_view(self.split_view),
            name="claims_speaker_split",
        )
        return [split, *super().get_urls()]

    def split_view(self, request: HttpRequest, speaker_id: int):
        speaker = get_object_or_404(Speaker, pk=speaker_id)
        if not self.has_change_permission(request, speaker):
            raise PermissionDenied
        claims = Claim.objects.filter(speaker=speaker).order_by("-pk")[:200]
        form = SpeakerSplitForm(request.POST or None, claims=claims, initial={"name": speaker.name})
        if request.method == "POST" and form.is_valid():
            try:
                other = speakers.split_speaker(
                    speaker.pk,
                    form.cleaned_data["claims"],
                    form.cleaned_data["name"],
                    request.user,
                    description=form.cleaned_data["description"],
                )
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, _messages(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{len(form.cleaned_data['claims'])} claim(s) moved to {other}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:claims_speaker_change", args=[other.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "speaker": speaker,
            "title": f"Split {speaker}: two people taken for one",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/speaker/split.html", context)

    @admin.action(description="Merge the selected speakers (the same person)")
    def merge_speakers(self, request: HttpRequest, queryset):
        form = MergeForm(request.POST if "confirm" in request.POST else None, choices=queryset)
        if form.is_bound and form.is_valid():
            keep = int(form.cleaned_data["keep"])
            others = [pk for pk in queryset.values_list("pk", flat=True) if pk != keep]
            try:
                speaker = speakers.merge_speakers(keep, others, request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, _messages(exc), messages.ERROR)
                return None
            self.message_user(request, f"Merged {len(others)} speaker(s) into {speaker}.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:claims_speaker_change", args=[speaker.pk]))
        return _confirm_page(
            self, request, queryset, form, "admin/claims/merge.html", "Merge speakers: which one is kept?"
        )


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    fields = [
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
    ]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    @admin.display(description="found by")
    def found_by(self, appearance: Appearance) -> str:
        return admin_views.found_by(appearance)

    @admin.display(description="speaker")
    def speaker_resolution(self, appearance: Appearance) -> str:
        return appearance.resolution or "-"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ClaimEventInline(admin.TabularInline):
    """The claim's history on its page: who changed what and when (newest first)."""

    model = ClaimEvent
    extra = 0
    fields = ["at", "user", "action", "from_state", "to_state", "details"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CorrectionInline(admin.TabularInline):
    """The public corrections of a published claim (made by claims.services.workflow)."""

    model = Correction
    extra = 0
    fields = ["at", "what", "note", "user"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


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


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimForm
    list_display = [
        "__str__",
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
    ]
    list_select_related = ["speaker", "verdict", "assigned_to"]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker"]
    # State, verdict and assignment change only through the workflow (actions and the verdict
    # page), which enforces the allowed transitions and who may make them, exactly as the API does.
    fields = [
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
        "paraphrase_of",
        "paraphrase_score",
        "fingerprint",
        "first_seen",
        "reviewed_at",
        "published_at",
        "updated_at",
    ]
    readonly_fields = [f for f in fields if f not in workflow.EDITABLE]
    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows
    inlines = [AppearanceInline, CorrectionInline, ClaimEventInline]
    actions = [
        _transition_action(Claim.State.ACCEPTED, "Accept"),
        _transition_action(Claim.State.REJECTED, "Reject"),
        _transition_action(Claim.State.REVIEWED, "Mark reviewed"),
        _transition_action(Claim.State.PUBLISHED, "Publish"),
        "assign_to_me",
        "unassign",
        "merge_claims",
    ]
    change_form_template = "admin/claims/claim/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # claims come from articles; material is submitted, not typed in as claims

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
        workflow.edit_claim(obj.pk, changes, request.user)

    @admin.display(description="check-worthiness", ordering="checkworthiness")
    def worth(self, claim: Claim) -> str:
        return f"{claim.checkworthiness:.2f}"

    @admin.display(description="verdict")
    def verdict_summary(self, claim: Claim):
        return admin_views.verdict_summary(claim)

    @admin.display(description="in its sources")
    def in_source(self, claim: Claim):
        return admin_views.appearances_in_context(claim)

    @admin.display(description="already checked?")
    def similar_claims(self, claim: Claim):
        return admin_views.similar_claims(claim)

    @admin.action(description="Assign the selected claims to me")
    def assign_to_me(self, request: HttpRequest, queryset):
        self._assign(request, queryset, request.user)

    @admin.action(description="Unassign the selected claims")
    def unassign(self, request: HttpRequest, queryset):
        self._assign(request, queryset, None)

    def _assign(self, request, queryset, assignee) -> None:
        try:
            count = workflow.assign(queryset.values_list("pk", flat=True)[:500], assignee, request.user)
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(request, _messages(exc), messages.ERROR)
        else:
            self.message_user(
                request, f"{count} claim(s) assigned to {assignee or 'nobody'}.", messages.SUCCESS
            )

    @admin.action(description="Merge the selected claims (the same statement)")
    def merge_claims(self, request: HttpRequest, queryset):
        queryset = queryset.select_related("speaker")
        form = MergeForm(request.POST if "confirm" in request.POST else None, choices=queryset)
        if form.is_bound and form.is_valid():
            keep = int(form.cleaned_data["keep"])
            others = [pk for pk in queryset.values_list("pk", flat=True) if pk != keep]
            try:
                claim = workflow.merge_claims(keep, others, request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, _messages(exc), messages.ERROR)
                return None
            self.message_user(
                request, f"Merged {len(others)} claim(s) into claim {claim.pk}.", messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        return _confirm_page(
            self, request, queryset, form, "admin/claims/merge.html", "Merge claims: which one is kept?"
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
        return [verdict, split, *super().get_urls()]

    def split_view(self, request: HttpRequest, claim_id: int):
        claim = get_object_or_404(Claim.objects.select_related("speaker"), pk=claim_id)
        if not self.has_change_permission(request, claim):
            raise PermissionDenied
        appearances = Appearance.objects.filter(claim=claim).select_related("source").order_by("pk")[:200]
        form = SplitForm(request.POST or None, appearances=appearances)
        if request.method == "POST" and form.is_valid():
            try:
                new = workflow.split_claim(claim.pk, form.cleaned_data["appearances"], request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, _messages(exc), messages.ERROR)
            else:
                self.message_user(request, f"Split off as claim {new.pk}.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[new.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "claim": claim,
            "title": f"Split claim {claim.pk}",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/claim/split.html", context)

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
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "publisher", "published_on", "extractor_version", "created_at"]
    list_filter = ["raw_format", "extractor_version"]
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
    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows
    change_form_template = "admin/claims/source/change_form.html"

    @admin.display(description="text, with its claims")
    def text_with_claims(self, source: Source):
        return admin_views.source_with_claims(source)

    @admin.action(description="Re-run extraction (keeps every claim an editor touched)")
    def reextract(self, request: HttpRequest, queryset):
        for source_id in queryset.values_list("pk", flat=True)[:50]:
            self._reextract(request, source_id)

    def _reextract(self, request: HttpRequest, source_id: int) -> None:
        try:
            result = reextraction.reextract_source(source_id, request.user)
        except PermissionDenied as exc:
            self.message_user(request, _messages(exc), messages.ERROR)
            return
        self.message_user(
            request,
            f"Source {source_id}: {result['kept_curated']} curated claim(s) kept, "
            f"{result['appearances_replaced']} machine appearance(s) replaced, "
            f"{result['appearances_created']} appearance(s) and {result['claims_created']} claim(s) added.",
            messages.SUCCESS,
        )

    def get_urls(self):
        reextract = path(
            "<int:source_id>/reextract/",
            self.admin_site.admin_view(self.reextract_view),
            name="claims_source_reextract",
        )
        return [reextract, *super().get_urls()]

    def reextract_view(self, request: HttpRequest, source_id: int):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:claims_source_change", args=[source_id]))
        get_object_or_404(Source, pk=source_id)
        self._reextract(request, source_id)
        return HttpResponseRedirect(reverse("admin:claims_source_change", args=[source_id]))


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["claim", "source", "speaker_mention", "cue", "stance", "rule", "said_on"]
    readonly_fields = ["found_by", "resolution"]

    @admin.display(description="found by")
    def found_by(self, appearance: Appearance) -> str:
        return admin_views.found_by(appearance)

    list_select_related = ["claim", "source"]
    raw_id_fields = ["claim", "source"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "url",
        "kind",
        "publisher",
        "health",
        "interval_minutes",
        "last_success_at",
        "consecutive_errors",
        "error_summary",
        "next_poll_at",
        "jobs_created",
    ]
    list_filter = ["active", "kind"]
    list_select_related = ["publisher"]
    search_fields = ["url"]
    autocomplete_fields = ["publisher"]
    fields = [
        "url",
        "kind",
        "publisher",
        "interval_minutes",
        "active",
        "health",
        "disabled_reason",
        "last_error",
        "consecutive_errors",
        "last_polled_at",
        "last_success_at",
        "last_failure_at",
        "next_poll_at",
        "items_found",
        "jobs_created",
        "etag",
        "last_modified",
        "created_at",
    ]
    readonly_fields = [
        f for f in fields if f not in ("url", "kind", "publisher", "interval_minutes", "active")
    ]
    actions = ["poll_now", "switch_on"]
    paginator = CappedCountPaginator
    show_full_result_count = False

    @admin.display(description="health")
    def health(self, feed: Feed) -> str:
        return feed.health

    @admin.display(description="last error")
    def error_summary(self, feed: Feed) -> str:
        return feed.last_error[:100]

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request: HttpRequest, queryset) -> None:
        count = feeds.poll_now(list(queryset.values_list("pk", flat=True)[:200]))
        self.message_user(request, f"{count} feed(s) will be polled now.", messages.SUCCESS)

    @admin.action(description="Switch the selected feeds on again (clears their errors)")
    def switch_on(self, request: HttpRequest, queryset) -> None:
        count = feeds.reactivate(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} feed(s) switched on.", messages.SUCCESS)


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
    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows
    change_form_template = "admin/claims/ingestjob/change_form.html"

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
        retry = path(
            "<int:job_id>/retry/", self.admin_site.admin_view(self.retry_view), name="claims_ingestjob_retry"
        )
        return [submit, retry, *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        # After a submission the list shows just those jobs and follows them: the page reloads
        # every few seconds while any of them is still queued or running.
        ids = [int(pk) for pk in request.GET.get("id__in", "").split(",") if pk.isdigit()][:100]
        unfinished = IngestJob.objects.filter(
            pk__in=ids, state__in=[IngestJob.State.QUEUED, IngestJob.State.RUNNING]
        )
        extra_context = {**(extra_context or {}), "follow_jobs": bool(ids) and unfinished.exists()}
        return super().changelist_view(request, extra_context)

    def retry_view(self, request: HttpRequest, job_id: int):
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            if ingestion.retry_failed([job_id]):
                self.message_user(request, f"Job {job_id} queued again.", messages.SUCCESS)
            else:
                self.message_user(
                    request, f"Job {job_id} is not a failed job that can run again.", messages.WARNING
                )
        return HttpResponseRedirect(reverse("admin:claims_ingestjob_change", args=[job_id]))

    def submit_view(self, request: HttpRequest):
        if not self.has_view_permission(request) or not request.user.has_perm("claims.add_ingestjob"):
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
            ids = ",".join(str(job.pk) for job in jobs)
            return HttpResponseRedirect(reverse("admin:claims_ingestjob_changelist") + f"?id__in={ids}")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Submit material",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/submit.html", context)


from claims import admin_tokens  # noqa: E402, F401  (registers the API token admin)
