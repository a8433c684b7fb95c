"""Telling people: editors' inboxes and email (subscriptions to a speaker, a publisher, a feed or a
saved search; claims assigned to them), and other tools' webhooks (claim created, state changed,
verdict set, published), signed by the Standard Webhooks scheme and retried with backoff.

Ingest calls it once new claims are committed; curation as it changes a claim, in the same
transaction, so the rows that record what is to be sent commit with the change.

May import: claims.models, claims.net, claims.crypto, claims.serve.
"""
