"""The store: sources and their publishers, claims and their identity (keyed by the fingerprint
the model makes, Claim.fingerprint_of and Claim.rekey; the variants that are one claim, wire
copies that are one story), appearances, and the inserts that keep all of them idempotent under
concurrent workers. It stores what it is handed (incoming): it runs no
extractor and decides no speaker's identity itself (claims.identity does).

May import: claims.models, claims.inserts, claims.extraction (the findings' types),
claims.identity.
"""
