"""Ingest jobs: submitting material, following its jobs, retrying failed ones."""

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path, reverse

from claims.admin.base import FastChangeList
from claims.admin.filters import given_id
from claims.admin.forms import SubmitMaterialForm
from claims.ingest import submission
from claims.models import IngestJob


@admin.register(IngestJob)
class IngestJobAdmin(FastChangeList):
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
        "error_detail",
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
        count = submission.retry_failed(list(queryset.values_list("pk", flat=True)))
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
        given = (given_id(pk) for pk in request.GET.get("id__in", "").split(","))
        ids = [pk for pk in given if pk is not None][:100]
        unfinished = IngestJob.objects.filter(
            pk__in=ids, state__in=[IngestJob.State.QUEUED, IngestJob.State.RUNNING]
        )
        extra_context = {**(extra_context or {}), "follow_jobs": bool(ids) and unfinished.exists()}
        return super().changelist_view(request, extra_context)

    def retry_view(self, request: HttpRequest, job_id: int):
        page = reverse("admin:claims_ingestjob_change", args=[job_id])
        view = self.has_view_permission(request)
        if refusal := self.refused(request, view=view, post=["claims.change_ingestjob"], back=page):
            return refusal
        if request.method == "POST":
            if submission.retry_failed([job_id]):
                self.message_user(request, f"Job {job_id} queued again.", messages.SUCCESS)
            else:
                self.message_user(
                    request, f"Job {job_id} is not a failed job that can run again.", messages.WARNING
                )
        return HttpResponseRedirect(page)

    def submit_view(self, request: HttpRequest):
        # Shown only to those who may submit: the page is its form.
        may_submit = self.has_view_permission(request) and request.user.has_perm("claims.add_ingestjob")
        if refusal := self.refused(request, view=may_submit, post=["claims.add_ingestjob"]):
            return refusal
        form = SubmitMaterialForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            jobs = submission.submit_material(
                urls=form.cleaned_data["urls"],
                text=form.cleaned_data.get("text") or "",
                upload=form.cleaned_data.get("file"),
                user=request.user,
            )
            self.message_user(request, f"Created {len(jobs)} ingest job(s).", messages.SUCCESS)
            ids = ",".join(str(job.pk) for job in jobs)
            return HttpResponseRedirect(reverse("admin:claims_ingestjob_changelist") + f"?id__in={ids}")
        return self.page(request, "admin/claims/submit.html", "Submit material", form=form)
