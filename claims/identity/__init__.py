"""Identity: who a speaker is. Name keys (names), aliases editors give (aliases), which known
speaker a name in an article means (resolution), speakers found to be one person or two
(merges), a newsroom's own list (imports). The one home for speaker identity across the record;
within one article, pronouns and descriptions are resolved by the extractor
(claims.extraction.resolve), which knows no database.

May import: claims.models, claims.inserts.
"""
