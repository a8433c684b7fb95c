"""Serve: the read side shared by the API (claims.api), the public pages (claims.public) and the
admin. Listing and searching claims (selectors), statements in words with their stance
(statements), ClaimReview (claimreview), highlighted article text (highlighting) and the health
check (health). It writes nothing: claims are the store's (what was found) and curation's (what
editors and imports add); API tokens are issued and checked by their model (ApiToken.objects).

May import: claims.models, claims.retrieval.
"""
