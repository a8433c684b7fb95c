from django import forms


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
