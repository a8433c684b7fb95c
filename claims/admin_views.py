"""What the claim page shows beyond the model's fields: each appearance in its source text."""

from django.utils.html import format_html, format_html_join

from claims.models import Claim

CONTEXT = 300  # characters of source text shown either side of an appearance


def appearances_in_context(claim: Claim):
    """The source text around each appearance, the appearance highlighted. Everything is escaped:
    article text is untrusted and is never rendered as HTML."""
    rows = []
    for appearance in claim.appearances.select_related("source").order_by("pk")[:20]:
        text = appearance.source.text
        start, end = appearance.start, appearance.end
        before = text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT]
        rows.append(
            (
                appearance.source.title or appearance.source.url or f"Source {appearance.source_id}",
                appearance.speaker_mention or "(no speaker mention)",
                appearance.cue or "(no cue)",
                "…" if start > CONTEXT else "",
                before,
                text[start:end],
                after,
                "…" if end + CONTEXT < len(text) else "",
            )
        )
    if not rows:
        return "No appearances."
    return format_html_join(
        "",
        '<div class="claim-in-source"><p><strong>{}</strong> · speaker as written: {} · cue: {}</p>'
        '<p style="white-space: pre-wrap">{}{}<mark>{}</mark>{}{}</p></div>',
        rows,
    )


def verdict_summary(claim: Claim):
    if claim.verdict_id is None:
        return "No verdict yet."
    return format_html(
        "{} ({}): {}", claim.verdict.label, claim.verdict.value, claim.verdict_explanation or "no explanation"
    )
