"""Display helpers for the admin pages (claims.py, sources.py): what the claim and source pages
show beyond the model's fields, as HTML: each appearance in its source text, how it was found, the
verdict, similar claims, a source's text with its claims marked."""

from collections.abc import Callable

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from claims.extraction.rulebook import describe
from claims.models import Appearance, Claim, Source
from claims.serve.highlighting import segments

CONTEXT = 300  # characters of source text shown either side of an appearance


def found_by(appearance: Appearance) -> str:
    """Which rule of the extractor found it, in words, with its cue: for tracing a wrong attribution."""
    if not appearance.rule:
        return "not recorded (extracted before rules were recorded: re-run extraction)"
    if appearance.rule == "editor":  # claims.curation.adding.EDITOR_RULE
        return f"added by an editor from the article's text ({appearance.resolution or 'by hand'})"
    cue = f", cue “{appearance.cue}”" if appearance.cue else ""
    return f"{describe(appearance.rule)} ({appearance.rule}){cue}"


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
                appearance.role or "(no role)",
                appearance.cue or "(no cue)",
                found_by(appearance),
                appearance.resolution or "-",
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
        '<div class="claim-in-source"><p><strong>{}</strong> · speaker as written: {} · role: {} · cue: {}</p>'
        '<p class="provenance">found by: {} · speaker: {}</p>'
        '<p style="white-space: pre-wrap">{}{}<mark>{}</mark>{}{}</p></div>',
        rows,
    )


def verdict_summary(claim: Claim):
    verdict = claim.verdict  # None without a query when there is none
    if verdict is None:
        return "No verdict yet."
    return format_html(
        "{} ({}): {}", verdict.label, verdict.value, claim.verdict_explanation or "no explanation"
    )


STATE_COLOURS = {
    "new": "#fff1a8",
    "accepted": "#cde9ff",
    "rejected": "#eee",
    "reviewed": "#d9f2d0",
    "published": "#b8e6a8",
}


def _spans(source: Source) -> list[tuple[int, int, int]]:
    """(start, end, claim id) of every part of every appearance in the source, in text order."""
    appearances = (
        Appearance.objects.filter(source=source)
        .order_by("start", "pk")
        .values_list("claim_id", "start", "end", "parts")[:2000]
    )
    return [
        (start, end, claim)
        for claim, a_start, a_end, parts in appearances
        for start, end in (parts or [(a_start, a_end)])
    ]


def _marked(text: str, spans: list[tuple[int, int, int]], mark: Callable[[int, str], str]) -> str:
    """The text escaped, each span's words given to mark(claim id, words), which escapes them.
    Escaped throughout: the article's text is untrusted."""
    parts = [escape(s.text) if s.mark is None else mark(s.mark, s.text) for s in segments(text, spans)]
    return mark_safe("".join(str(p) for p in parts))  # each part escaped above


def source_with_claims(source: Source):
    """The source's full text with every claim's appearance marked and linked to the claim."""
    spans = _spans(source)
    states = dict(Claim.objects.filter(pk__in={claim for _, _, claim in spans}).values_list("pk", "state"))

    def mark(claim: int, words: str) -> str:
        return format_html(
            '<mark style="background:{}" title="claim {} ({})"><a href="{}">{}</a></mark>',
            STATE_COLOURS.get(states[claim], "#fff1a8"),
            claim,
            states[claim],
            reverse("admin:claims_claim_change", args=[claim]),
            words,
        )

    legend = format_html_join(
        " ",
        '<mark style="background:{}">{}</mark>',
        ((colour, state) for state, colour in STATE_COLOURS.items()),
    )
    return format_html(
        '<p>{} marked · {}</p><div style="white-space: pre-wrap; max-width: 60em">{}</div>',
        f"{len(states)} claim{'' if len(states) == 1 else 's'}",
        legend,
        _marked(source.text, spans, mark),
    )


def review_text(source: Source, listed: list, focus: int | None):
    """The article's text for the review page: each claim's words marked in its state's colour,
    the claim under review outlined, each mark a link that brings its claim under review."""
    here = reverse("admin:claims_source_review", args=[source.pk])
    states = {item.claim.pk: item.claim.state for item in listed}

    def mark(claim: int, words: str) -> str:
        return format_html(
            '<mark class="review-mark{}" style="background:{}" data-claim="{}">'
            '<a href="{}?focus={}#claim-{}" title="claim {} ({})">{}</a></mark>',
            " focused" if claim == focus else "",
            STATE_COLOURS.get(states.get(claim, ""), "#fff1a8"),
            claim,
            here,
            claim,
            claim,
            claim,
            states.get(claim, ""),
            words,
        )

    return _marked(source.text, _spans(source), mark)


def similar(claim: Claim, limit: int = 3) -> list:
    """The claims most like this one (claims.retrieval), to offer as merges: the same speaker's
    first (a merge joins one speaker's statement; another speaker's is rarely the same claim),
    each group best first."""
    from claims import retrieval
    from claims.store import matching

    # One search, a few more hits than shown: the same speaker's among them come first.
    hits = retrieval.search(text=claim.text, claims=Claim.objects.exclude(pk=claim.pk), limit=limit * 4)
    loaded = Claim.objects.select_related("speaker", "verdict").in_bulk([h.claim_id for h in hits])
    found = [
        matching.Similar(
            loaded[h.claim_id],
            h.score,
            matching.would_merge(claim.text, loaded[h.claim_id], claim.speaker_id),
        )
        for h in hits
        if h.claim_id in loaded
    ]
    found.sort(key=lambda s: s.claim.speaker_id != claim.speaker_id)  # stable: best first in each
    return found[:limit]


def similar_claims(claim: Claim):
    """The claims most like this one (claims.retrieval): a rated one answers "already checked?"; a
    near-identical one by the same speaker may be the same statement (merge them)."""
    found = similar(claim, limit=5)
    if not found:
        return "Nothing similar."
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            '<li><a href="{}">{}</a> · {} · {} · {} · {}{}</li>',
            (
                (
                    reverse("admin:claims_claim_change", args=[s.claim.pk]),
                    s.claim,
                    s.claim.speaker or "no speaker",
                    s.claim.get_state_display(),
                    f"verdict: {s.claim.verdict.label}" if s.claim.verdict is not None else "no verdict",
                    f"relevance {s.score:.0%}",
                    " · the same statement? (merge them)" if s.would_merge else "",
                )
                for s in found
            ),
        ),
    )
