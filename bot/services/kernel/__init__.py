"""The shared kernel every context may use: who acts and what they may do, time, the live
knowledge base, residents, audit rows, health, keyed locks and plain text."""
