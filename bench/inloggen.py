#!/usr/bin/env python3
"""Logs in a demo user on a running `voorop serve --demo` and prints the session cookie
("name=value") for `wrk -H 'Cookie: …'`. Handles the CSRF token and, for accounts with
two-step verification, the demo code that the demo shows on /inloggen/code.

Usage: inloggen.py BASIS_URL EMAIL [WACHTWOORD]
"""
import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

basis, email = sys.argv[1].rstrip("/"), sys.argv[2]
wachtwoord = sys.argv[3] if len(sys.argv) > 3 else "Voorop-demo-2026"

pot = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(pot))


def csrf(html):
    m = re.search(r'name="_csrf" value="([^"]+)"', html)
    if not m:
        sys.exit("inloggen.py: no CSRF token on the page")
    return m.group(1)


def get(pad):
    with opener.open(basis + pad) as r:
        return r.geturl(), r.read().decode()


def post(pad, velden):
    data = urllib.parse.urlencode(velden).encode()
    with opener.open(basis + pad, data) as r:
        return r.geturl(), r.read().decode()


_, html = get("/inloggen")
url, html = post("/inloggen", {"_csrf": csrf(html), "email": email, "wachtwoord": wachtwoord, "terug": "/"})
if "/inloggen/code" in url:
    code = re.search(r"De code van dit moment is <code>(\d+)</code>", html)
    if not code:
        sys.exit("inloggen.py: two-step page without the demo code (is the server started with --demo?)")
    try:
        url, html = post("/inloggen/code", {"_csrf": csrf(html), "code": code.group(1)})
    except urllib.error.HTTPError as e:
        if e.code != 422:
            raise
        # A code is accepted once: wait for the next 30-second window and use its code.
        time.sleep(31 - time.time() % 30)
        _, html = get("/inloggen/code")
        code = re.search(r"De code van dit moment is <code>(\d+)</code>", html)
        url, html = post("/inloggen/code", {"_csrf": csrf(html), "code": code.group(1)})
if "/inloggen" in url:
    sys.exit(f"inloggen.py: login of {email} failed (ended on {url})")
koekjes = [f"{c.name}={c.value}" for c in pot]
if not koekjes:
    sys.exit("inloggen.py: no session cookie")
print("; ".join(koekjes))
