#!/usr/bin/env python3
"""Another writer while a bulk import runs: every 50 ms it takes Voorop's write lock the way the
server's writers do (SQLite: BEGIN IMMEDIATE with the same 10 s busy timeout, so SQLite's own
busy handler decides when it gets in; PostgreSQL: the advisory lock of `db::begin`), writes
nothing and commits, timing how long it waited. It runs until process PID has ended, then prints
one markdown-free line: "n=<attempts> max=<ms> p99=<ms> p50=<ms> failed=<n>".
Usage: schrijver.py DB PID   (DB: an SQLite path or a postgres:// URL)"""
import os
import sqlite3
import sys
import time

db, pid = sys.argv[1], int(sys.argv[2])
SCHRIJFSLOT = 0x564F_4F52_4F50  # src/db/mod.rs


def leeft(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that exited but was not reaped yet counts as ended.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


if db.startswith("postgres"):
    import psycopg

    conn = psycopg.connect(db, autocommit=False)

    def schrijf():
        with conn.cursor() as c:
            c.execute("SELECT pg_advisory_xact_lock(%s)", (SCHRIJFSLOT,))
        conn.commit()
else:
    conn = sqlite3.connect(db, timeout=10.0, isolation_level=None)

    def schrijf():
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")

wachten, mislukt = [], 0
while leeft(pid):
    begin = time.monotonic()
    try:
        schrijf()
        wachten.append((time.monotonic() - begin) * 1000)
    except Exception:  # noqa: BLE001 - a failed write is what we count
        mislukt += 1
    time.sleep(0.05)
wachten.sort()


def p(q):
    return wachten[min(len(wachten) - 1, int(q * len(wachten)))] if wachten else 0.0


print(f"n={len(wachten) + mislukt} max={max(wachten, default=0):.0f} p99={p(0.99):.0f} p50={p(0.5):.0f} failed={mislukt}")
