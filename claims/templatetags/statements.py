"""{{ claim|checkable }}: the statement with its stance (claims.services.statements), for lists,
where the cue of a characterisation is not loaded (it then reads "X characterised ...")."""

from django import template

from claims.services import statements

register = template.Library()


@register.filter
def checkable(claim) -> str:
    return statements.of_claim(claim)
