from django import forms

from claims.curation import workflow
from claims.identity import aliases
from claims.identity.names import name_key, surname_key
from claims.models import Claim, Speaker


class SubmitMaterialForm(forms.Form):
    urls = forms.CharField(
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
        return urls

    def clean(self):
        data = super().clean()
        if not (data.get("urls") or (data.get("text") or "").strip() or data.get("file")):
            raise forms.ValidationError("Give at least one URL, a text or a file.")
        return data


class ClaimForm(forms.ModelForm):
    """The fields an editor corrects on the claim page (claims.curation.workflow.EDITABLE)."""

    class Meta:
        model = Claim
        fields = list(workflow.EDITABLE)

    def clean(self):
        data = super().clean()
        if {"text", "speaker", "stance"} & set(self.changed_data) and data.get("text"):
            stance = data.get("stance") or Claim.Stance.ASSERTED
            twin = workflow.twin_of(data["text"], data.get("speaker"), self.instance.pk, stance)
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
        data = super().clean()
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
        self.fields["keep"].choices = [(obj.pk, _describe(obj)) for obj in choices[:50]]


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
        self.fields["appearances"].choices = [
            (a.pk, f"{a.source}: “{a.text[:160]}” ({a.speaker_mention or 'no mention'})") for a in appearances
        ]


class SpeakerSplitForm(forms.Form):
    name = forms.CharField(max_length=300, help_text="The other person's name (the same name is fine)")
    description = forms.CharField(
        required=False,
        max_length=1000,
        help_text="Who they are: their role tells them apart in later articles",
    )
    claims = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, claims, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].choices = [(c.pk, f"#{c.pk}: {c.text[:160]}") for c in claims]
