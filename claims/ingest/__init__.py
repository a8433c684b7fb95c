"""Ingest: getting articles in. Jobs (one per URL, pasted text or feed item) are created and
sent to the workers (submission), then run (jobs): fetched politely and safely (fetching,
politeness), decoded (decoding), parsed into an Article (articles), then extracted and stored
(pipeline). Feeds are
polled on their schedules (feeds, feedparsing); the Celery tasks are thin callers (tasks).

May import: claims.models, claims.extraction, claims.store, claims.identity, claims.retrieval
(new claims are indexed once stored). Nothing outside the entry points imports ingest.
"""
