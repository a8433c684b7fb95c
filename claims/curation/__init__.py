"""Curation: what editors decide. The workflow's states and verdicts and the history of every
change (workflow), speakers' aliases, merges and splits as editors make them (speakers),
re-extraction of stored sources (reextraction), claims an editor adds (adding), claims already
checked elsewhere brought into the record (checked), and who may do what (permissions).

May import: claims.models, claims.extraction, claims.store, claims.identity, claims.retrieval,
claims.notify.
"""
