"""Serve: the read side shared by the API (claims.api), the public pages (claims.public) and the
admin. Listing and searching claims (selectors), "already checked?" (checked), statements in
words with their stance (statements), ClaimReview (claimreview), highlighted article text
(highlighting), API tokens (tokens) and the health check (health).

May import: claims.models, claims.extraction, claims.store, claims.identity, claims.retrieval.
"""
