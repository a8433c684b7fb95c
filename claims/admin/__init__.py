"""The editors' admin, a module per part of the record. Lists avoid full COUNT(*) and N+1
queries (base.FastChangeList, list_select_related); speakers are chosen by autocomplete, never from
a select of all; every change goes through the services, whose refusals the editor reads in words
(FastChangeList.call_service). Importing this package registers every model admin."""

from claims.admin import claims, desk, feeds, jobs, publishers, ratings, reviews, sources, speakers, tokens
from claims.admin.claims import ClaimAdmin

__all__ = [
    "ClaimAdmin",
    "claims",
    "desk",
    "feeds",
    "jobs",
    "publishers",
    "ratings",
    "reviews",
    "sources",
    "speakers",
    "tokens",
]
