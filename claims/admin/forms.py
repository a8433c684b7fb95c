"""The admin's forms: submitting material, correcting a claim or a speaker, merges and splits,
review decisions, and the JSON fields an editor reads. Only claims.admin uses them (the public
pages' one form is claims.public.forms)."""

import math
from typing import cast

from django import forms
from django.forms.fields import InvalidJSONInput

from claims.curation import workflow
from claims.identity import aliases
from claims.identity.names import name_key, surname_key
from claims.models import (
    KIND_CHOICES,
    STANCE_CHOICES,
    Appearance,
    Claim,
    Source,
    Speaker,
    printable,
    validate_plain_text,
    within_ids,
    without_credentials,
)


class SubmitMaterialForm(forms.Form):
    urls = forms.CharField(
        label="URLs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 100}),
        help_text="One http(s) URL a line.",
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="An article as plain text or HTML.",
    )
    file = forms.FileField(required=False, help_text="A plain-text or HTML file.")

    def clean_urls(self) -> list[str]:
        urls = [line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()]
        validate = forms.URLField(assume_scheme="https").clean
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise forms.ValidationError(f"{url!r} is not an http(s) URL.")
            validate(url)
            without_credentials(url)
        return urls

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not (data.get("urls") or (data.get("text") or "").strip() or data.get("file")):
            raise forms.ValidationError("Give at least one URL, a text or a file.")
        return data


class ClaimForm(forms.ModelForm):
    """The fields an editor corrects on the claim page (claims.curation.workflow.EDITABLE)."""

    class Meta:
        model = Claim
        fields = list(workflow.EDITABLE)
        widgets = {"checkworthiness": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown to two places (0.17, not 0.16798161486607552); unchanged unless the editor edits it.
        value = self.initial.get("checkworthiness")
        if isinstance(value, float):
            self.initial["checkworthiness"] = round(value, 2)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if {"text", "speaker", "stance"} & set(self.changed_data) and data.get("text"):
            # The claim as the edit would make it, rekeyed (the instance is changed only after clean).
            edited = Claim(
                pk=self.instance.pk,
                text=data["text"],
                speaker=data.get("speaker"),
                stance=data.get("stance") or Claim.Stance.ASSERTED,
            )
            edited.rekey()
            twin = workflow.claim_twin(claim=edited)
            if twin is not None:
                raise forms.ValidationError(
                    f"Claim {twin.pk} is already this statement by this speaker; merge the two instead."
                )
        return data


class SpeakerForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label="Aliases",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Other names of this speaker, one a line. Later articles naming any of them are "
        "attributed to this speaker.",
    )

    class Meta:
        model = Speaker
        fields = ["name", "kind", "description", "wikidata_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aliases_text"].initial = "\n".join(self.instance.aliases or [])

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if self.instance.pk is None and data.get("name"):
            # A new speaker's identity keys come from its name (an existing one keeps its own: the
            # fingerprints of its claims are built on it).
            key = name_key(data["name"])
            if not key:
                self.add_error("name", "This name has no letters to recognise the speaker by.")
            elif Speaker.objects.filter(name_key=key).exists():
                self.add_error(
                    "name", "A speaker with this name already exists; give this one an alias instead."
                )
            self.instance.name_key, self.instance.surname_key = key, surname_key(data["name"])[:100]
        return data

    def clean_aliases_text(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["aliases_text"].splitlines() if line.strip()]
        for name in names:
            validate_plain_text(name)  # (a name, as the speaker's own)
        taken = aliases.alias_conflicts(self.instance.pk, names)
        if taken:
            raise forms.ValidationError(
                f"{', '.join(taken)}: already another speaker's name. Merge the speakers instead."
            )
        return names


class MergeForm(forms.Form):
    """Which of the chosen rows survives a merge."""

    keep = forms.ChoiceField(widget=forms.RadioSelect, label="Keep")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        rows = list(choices[:50])
        cast(forms.ChoiceField, self.fields["keep"]).choices = [(obj.pk, _describe(obj)) for obj in rows]
        if rows and isinstance(rows[0], Claim) and len({c.speaker_id for c in rows}) > 1:
            # Claims of different speakers: merged only when the editor says so.
            self.fields["across_speakers"] = forms.BooleanField(
                required=False,
                label="Different speakers: merge anyway",
                help_text="These claims are not all one speaker's. Tick only if they are one statement.",
                widget=forms.CheckboxInput(attrs={"value": "1"}),
            )


def _describe(obj) -> str:
    if isinstance(obj, Claim):
        return f"#{obj.pk} ({obj.get_state_display()}) {obj.speaker or 'no speaker'}: {obj.text[:120]}"
    return f"#{obj.pk} {obj}"


class SplitForm(forms.Form):
    appearances = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="These become a new claim of their own; the rest stay.",
    )

    def __init__(self, *args, appearances, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["appearances"]).choices = [
            (a.pk, f"{a.source}: “{a.text[:160]}” ({a.speaker_mention or 'no mention'})") for a in appearances
        ]


class SpeakerSplitForm(forms.Form):
    name = forms.CharField(
        max_length=Speaker.MAX_NAME,
        validators=[validate_plain_text],
        help_text="The other person's name (the same name is fine)",
    )
    description = forms.CharField(
        required=False,
        max_length=1000,
        help_text="Who they are: their role tells them apart in later articles",
    )
    claims = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, claims, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["claims"]).choices = [
            (c.pk, f"#{c.pk}: {c.text[:160]}") for c in claims
        ]


class _Choice(forms.ChoiceField):
    """A choice whose refusal quotes what was sent (shortened, control characters escaped)."""

    def validate(self, value) -> None:
        if value in self.empty_values or self.valid_value(value):
            super().validate(value)
            return
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": printable(value)}
        )


class _ClaimNumber(forms.CharField):
    """A claim's id as typed or sent: digits that fit the database's ids, or a refusal in words."""

    def to_python(self, value) -> int | None:  # type: ignore[override]  # an id, not text
        text = super().to_python(value)
        if not text:
            return None
        if not (text.isascii() and text.isdigit()):
            raise forms.ValidationError(f"“{printable(text)}” is not a claim number.", code="invalid")
        if not within_ids(text) or int(text) < 1:
            raise forms.ValidationError(f"No claim {printable(text)}.", code="invalid")
        return int(text)


class ReviewDecisionForm(forms.Form):
    """One decision posted from an article's review page (claims.curation.review): every field
    checked before any is used, each refusal in words (refusal())."""

    DECISIONS = {
        "accept": "accept the claim",
        "reject": "reject the claim",
        "next": "go on to the next claim",
        "edit": "save the statement",
        "speaker": "change the speaker",
        "merge": "merge into a similar claim",
        "add": "add a statement the extractor missed",
        "accept_remaining": "accept every claim still new",
        "reject_remaining": "reject every claim still new",
    }
    WITHOUT_A_CLAIM = ("accept_remaining", "reject_remaining", "add")
    NAMED = {"text": "The statement", "speaker": "The speaker's name"}  # whose messages do not say

    decision = _Choice(
        choices=list(DECISIONS.items()),
        error_messages={
            "required": "Choose what to do.",
            "invalid_choice": "“%(value)s” is not something this page does.",
        },
    )
    claim = _ClaimNumber(required=False)
    text = forms.CharField(required=False, max_length=Claim.MAX_TEXT, validators=[validate_plain_text])
    speaker = forms.CharField(required=False, max_length=Speaker.MAX_NAME, validators=[validate_plain_text])
    create = forms.BooleanField(required=False)
    kind = _Choice(
        required=False,
        choices=Speaker.Kind.choices,
        error_messages={
            "invalid_choice": f"“%(value)s” is not a kind of speaker ({', '.join(Speaker.Kind.values)})."
        },
    )
    target = _ClaimNumber(required=False)
    # A merge from the review page is carried out only once confirmed (the page shows both
    # statements with their speakers first); claims of different speakers need across_speakers.
    confirm = forms.BooleanField(required=False)
    across_speakers = forms.BooleanField(required=False)
    # A statement the extractor missed, added from the article's text (decision "add").
    start = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1)
    end = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    stance = _Choice(
        required=False,
        choices=STANCE_CHOICES,
        error_messages={"invalid_choice": "“%(value)s” is not a stance."},
    )
    claim_kind = _Choice(
        required=False,
        choices=KIND_CHOICES,
        error_messages={"invalid_choice": "“%(value)s” is not a kind of claim."},
    )

    def __init__(self, data, *, source: Source, user) -> None:
        super().__init__(data)
        self.source = source
        self.user = user

    def clean(self):
        super().clean()
        data = self.cleaned_data
        decision, claim = data.get("decision"), data.get("claim")
        if decision == "add":
            if data.get("start") is None or data.get("end") is None:
                self.add_error(None, "Select the statement's words in the article first.")
            if not data.get("speaker"):
                self.add_error("speaker", "Name who said it.")
            return data
        if decision is None or decision in self.WITHOUT_A_CLAIM or self.has_error("claim"):
            return data
        if claim is None:
            self.add_error("claim", "Choose a claim first.")
        elif not Appearance.objects.filter(source=self.source, claim_id=claim).exists():
            self.add_error("claim", f"Claim {claim} is not in this article.")
        if decision == "edit" and not self.has_error("text") and not data.get("text"):
            self.add_error(None, "A statement cannot be empty.")
        if decision == "merge" and not self.has_error("target"):
            target = data.get("target")
            if target is None:
                self.add_error("target", "Choose the claim to merge it into.")
            elif target == claim:
                self.add_error("target", "A claim cannot be merged into itself.")
            elif not Claim.objects.visible_to(self.user).filter(pk=target).exists():
                self.add_error("target", f"No claim {target}.")
        return data

    def refusal(self) -> str:
        """Why the decision was refused, in words (the texts' errors say which text)."""
        return " ".join(
            f"{self.NAMED[field]}: {message}" if field in self.NAMED else str(message)
            for field, errors in self.errors.items()
            for message in errors
        )


class StoredJSONField(forms.JSONField):
    """JSON as the database can store it. Python's json module reads NaN and Infinity (and 1e400
    as Infinity) and strings holding \\u0000, which PostgreSQL's jsonb refuses (a DataError on
    saving: a server error), and fails on deep nesting with a RecursionError: each is a refusal."""

    NESTED = "This JSON is nested too deeply to read."

    def to_python(self, value):
        try:
            return super().to_python(value)
        except RecursionError:
            raise forms.ValidationError(self.NESTED, code="invalid") from None

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return InvalidJSONInput(data)  # shown again as typed, with the refusal

    def validate(self, value) -> None:
        super().validate(value)
        pending = [value]
        while pending:  # not recursive: the depth is the input's
            item = pending.pop()
            if isinstance(item, str) and "\x00" in item:
                raise forms.ValidationError(
                    "This JSON holds a NUL character (\\u0000), which the database cannot store.",
                    code="invalid",
                )
            if isinstance(item, float) and not math.isfinite(item):
                raise forms.ValidationError(
                    "This JSON holds NaN or Infinity (or a number too large, read as Infinity), "
                    "which the database's JSON cannot store.",
                    code="invalid",
                )
            if isinstance(item, dict):
                pending.extend(item)
                pending.extend(item.values())
            elif isinstance(item, list):
                pending.extend(item)
