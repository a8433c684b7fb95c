from typing import cast

from django import forms

from claims.models import Rating

MAX_PAGE = 50  # deep OFFSET pages cost a scan each; narrowing the search is the way further


class SearchForm(forms.Form):
    q = forms.CharField(label="Words", required=False, max_length=200)
    speaker = forms.CharField(label="Speaker", required=False, max_length=200)
    verdict = forms.TypedChoiceField(label="Verdict", required=False, coerce=int, empty_value=None)
    since = forms.DateField(label="Said from", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(
        label="Said until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "The page number is not a whole number.",
            "min_value": "Pages are numbered from 1.",
            "max_value": "The results go no further than page %(limit_value)s: narrow the search instead.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(rating.value, rating.label) for rating in Rating.objects.order_by("value")]
        cast(forms.ChoiceField, self.fields["verdict"]).choices = [("", "Any"), *choices]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise forms.ValidationError(
                f"“Said until” ({until.isoformat()}) is before “Said from” ({since.isoformat()}): "
                "no date is in that range.",
                code="empty_range",
            )
        return data
