"""{{ claim|checkable }}: the statement with its stance (claims.serve.statements), for lists,
where the cue of a characterisation is not loaded (it then reads "X characterised ...")."""

from django import template

from claims.serve import statements

register = template.Library()


@register.filter
def checkable(claim) -> str:
    return statements.of_claim(claim)
