"""Dashboard accounts: sign-in with lock-out, sessions, roles."""
