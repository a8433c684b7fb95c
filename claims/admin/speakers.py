"""Speakers: their names and aliases (identity, kept by claims.curation.speakers), merging two
records of one person and splitting one record of two."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from claims.admin.base import FastChangeList, Refused, plural
from claims.admin.forms import SpeakerForm, SpeakerSplitForm
from claims.curation import speakers
from claims.models import Claim, Speaker, may_see_drafts


@admin.register(Speaker)
class SpeakerAdmin(FastChangeList):
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
    change_form_template = "admin/claims/speaker/change_form.html"

    @admin.display(description="claims")
    def claims_link(self, speaker: Speaker):
        url = reverse("admin:claims_claim_changelist") + f"?speaker={speaker.pk}"
        return format_html('<a href="{}">See their claims</a>', url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "aliases_text" in form.changed_data or not change:
            # Aliases are identity: the service keeps the keys ingestion resolves names through.
            speakers.set_aliases(
                speaker_id=obj.pk, names=form.cleaned_data["aliases_text"], user=request.user
            )

    def get_urls(self):
        split = path(
            "<int:speaker_id>/split/",
            self.admin_site.admin_view(self.split_view),
            name="claims_speaker_split",
        )
        return [split, *super().get_urls()]

    def split_view(self, request: HttpRequest, speaker_id: int):
        # The page lists the speaker's claims, drafts too; only those who may split are shown it.
        if refusal := self.refused(
            request,
            view=self.has_change_permission(request) and may_see_drafts(request.user),
            post=["claims.change_speaker", "claims.change_claim", "claims.add_speaker"],
        ):
            return refusal
        speaker = get_object_or_404(Speaker, pk=speaker_id)
        claims = Claim.objects.filter(speaker=speaker).order_by("-pk")[:200]
        form = SpeakerSplitForm(request.POST or None, claims=claims, initial={"name": speaker.name})
        if request.method == "POST" and form.is_valid():
            other = self.call_service(
                request,
                lambda: speakers.split_speaker(
                    speaker_id=speaker.pk,
                    claim_ids=form.cleaned_data["claims"],
                    new_name=form.cleaned_data["name"],
                    user=request.user,
                    description=form.cleaned_data["description"],
                ),
                lambda other: f"Moved {plural(len(form.cleaned_data['claims']), 'claim')} to {other}.",
            )
            if not isinstance(other, Refused):
                return HttpResponseRedirect(reverse("admin:claims_speaker_change", args=[other.pk]))
        return self.page(
            request,
            "admin/claims/speaker/split.html",
            f"Split {speaker}: two people taken for one",
            form=form,
            speaker=speaker,
            subject=speaker,
        )

    @admin.action(description="Merge the selected speakers (the same person)")
    def merge_speakers(self, request: HttpRequest, queryset):
        return self.merge_selected(
            request,
            queryset,
            merge=lambda keep, others: speakers.merge_speakers(
                target_id=keep, other_ids=others, user=request.user
            ),
            done=lambda speaker, merged: f"Merged {plural(merged, 'speaker')} into {speaker}.",
            title="Merge speakers: which one is kept?",
        )
