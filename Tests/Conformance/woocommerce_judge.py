"""WooCommerce's own Python client recomputes the OAuth 1.0a signature of every call we make over HTTP.

`woocommerce.oauth.OAuth.generate_oauth_signature` over the query we sent (all but `oauth_signature`) and the
URL we called must give the `oauth_signature` we sent; the client signs with HMAC-SHA256, so that is the
method we must name. A nonce is good once: WooCommerce refuses it again ("Invalid nonce - nonce has
already been used"), so a nonce seen twice is refused here too.
"""

from collections import OrderedDict

from woocommerce.oauth import OAuth

from journal import Verdicts

KEY, SECRET = "ck_sandbox", "cs_sandbox"  # the sandbox's store keys (ocop sandbox --help)


def judge(requests, _feeds):
    verdicts = Verdicts("woocommerce")
    nonces = set()
    for request in requests:
        verdicts.judged += 1
        parameters = OrderedDict(request.query_items())
        sent = parameters.pop("oauth_signature", None)
        if sent is None or parameters.get("oauth_consumer_key") != KEY:
            verdicts.refuse(request, "no OAuth 1.0a signature with the store's consumer key")
            continue
        if parameters.get("oauth_signature_method") != "HMAC-SHA256":
            verdicts.refuse(request, f"oauth_signature_method {parameters.get('oauth_signature_method')!r}")
        nonce = parameters.get("oauth_nonce", "")
        if not nonce:
            verdicts.refuse(request, "no oauth_nonce")
        elif nonce in nonces:
            verdicts.refuse(request, f"oauth_nonce {nonce!r} used before")
        nonces.add(nonce)
        url = f"http://{request.authority}{request.path}"
        oauth = OAuth(url, KEY, SECRET, version="wc/v3", method=request.method,
                      oauth_timestamp=parameters.get("oauth_timestamp"))
        if oauth.generate_oauth_signature(parameters, url) != sent:
            verdicts.refuse(request, f"oauth_signature {sent} is not what the woocommerce client computes")
    return verdicts, "REST calls"
