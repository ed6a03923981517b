"""The published knowledge: answering questions, browsing, the question log, FAQ drafts and the
content review."""
