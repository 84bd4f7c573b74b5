"""Benchmarks for `make bench`: each measures one issue's performance target.

Run with `python -m benchmarks [name …]`. They use a throw-away SQLite database (or
the one in DATABASE_URL) prepared like `make run`, print median and spread, and exit
non-zero when a target is missed.
"""
