"""Plays the seller's browser for `ocop connect` in the conformance session: opens the authorization link
the sandbox's marketplace serves, which allows at once, and prints the `ocop connect` arguments the seller
would copy from where the browser lands: `--code C` (and `--shop-id S` for Shopee), from the redirect's
address, or from the page TikTok Shop shows when no redirect is registered.

Usage: authorize.py LINK
"""

import re
import sys
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None


def main(link):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        page = opener.open(link).read().decode("utf-8")
    except urllib.error.HTTPError as answer:
        if answer.code != 302:
            raise
        query = parse_qs(urlsplit(answer.headers["Location"]).query)
        arguments = ["--code", query["code"][0]]
        if "shop_id" in query:
            arguments += ["--shop-id", query["shop_id"][0]]
        print(" ".join(arguments))
        return 0
    code = re.search(r"<code>([^<]+)</code>", page)
    if not code:
        print(f"authorize.py: no code on the page of {link}", file=sys.stderr)
        return 1
    print(f"--code {code.group(1)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
