// Liveness of the configured database. No parameters. Returns one row: ok = 1.
RETURN 1 AS ok
