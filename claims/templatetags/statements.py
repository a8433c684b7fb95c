"""{{ claim|checkable }}: the statement with its stance (claims.serve.statements, the one renderer);
{{ appearance|said_as:claim }}: one appearance's words in its own stance, by the claim's speaker."""

from django import template

from claims.serve import statements

register = template.Library()


@register.filter
def checkable(claim) -> str:
    return statements.statement(claim)


@register.filter
def said_as(appearance, claim) -> str:
    speaker = claim.speaker.name if claim.speaker_id is not None else (appearance.speaker_mention or None)
    return statements.of_appearance(appearance, speaker=speaker)
