"""Repositories, one module per aggregate; each returns records of bot.domain.records."""
