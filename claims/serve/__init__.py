"""Serve: the read side shared by the API (claims.api), the public pages (claims.public) and the
admin. Listing and searching claims (selectors), statements in words with their stance
(statements), ClaimReview (claimreview), highlighted article text (highlighting), API tokens
(tokens) and the health check (health). It writes no claims: those are the store's (what was
found) and curation's (what editors and imports add).

May import: claims.models, claims.retrieval.
"""
