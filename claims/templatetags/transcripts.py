"""Time codes and "already checked?" in templates: `{{ appearance.timecode|clock }}`,
`{{ appearance|moment }}` (the recording at that moment, or ""), `{% checked_for checked claim.pk as hits %}`."""

from django import template

from claims.serve import transcripts

register = template.Library()


@register.filter
def clock(seconds) -> str:
    return transcripts.clock(seconds)


@register.filter
def moment(appearance) -> str:
    return appearance.source.moment_url(appearance.timecode)


@register.simple_tag
def checked_for(checked, claim_id):
    return (checked or {}).get(claim_id, [])
