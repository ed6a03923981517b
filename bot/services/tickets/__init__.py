"""Residents' feedback tickets: the /feedback conversation, filing rules, moderation, the
officials' queue and its export, the public register."""
