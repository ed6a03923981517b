"""Statistics for the officials' dashboard, and their charts."""
