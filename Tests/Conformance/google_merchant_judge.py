"""Google's own client library judges our Merchant API bodies.

Each line of a JSON feed that `ocop feed export google-merchant --format json` writes is exactly the
ProductInput publishing sends. google-shopping-merchant-products parses it strictly, as the API does: an
unknown field name or a wrong enum value is refused. Any refusal fails the build.
"""

import sys

from google.shopping.merchant_products_v1 import ProductInput


def main(paths):
    bodies = refused = 0
    for path in paths:
        with open(path, encoding="utf-8") as feed:
            for number, line in enumerate(feed, start=1):
                if not line.strip():
                    continue
                bodies += 1
                try:
                    ProductInput.from_json(line, ignore_unknown_fields=False)
                except Exception as error:  # the library raises ParseError and friends
                    refused += 1
                    print(f"{path}:{number}: {str(error).splitlines()[0]}")
    print(f"google-shopping-merchant-products: {bodies} ProductInput bodies judged, {refused} refused")
    return 1 if refused or not bodies else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
