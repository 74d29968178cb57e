"""Lazada's own SDK (lazop-sdk) recomputes the signature of every call we make.

`lazop_sdk.sign(secret, api, parameters)` over every parameter we sent but `sign` (query for GET, the form
body for POST) must give the `sign` we sent. The judge first reproduces Lazada's documented sample
(developer guide, "HTTP request sample"). Each call must also carry the system parameters the SDK sends.
"""

import lazop_sdk

from journal import Verdicts

SECRET = "sandbox-lazada-secret"  # the sandbox's app secret (ocop sandbox --help)
SYSTEM = ("app_key", "timestamp", "sign_method", "access_token", "sign")
DOCUMENTED = ("helloworld", "/order/get", {"app_key": "123456", "access_token": "test",
              "timestamp": "1517820392000", "sign_method": "sha256", "order_id": "1234"},
              "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A")


AUTHORIZE = ("response_type", "client_id", "redirect_uri")  # "Seller authorization introduction", step 1
TOKEN_CALLS = {"/auth/token/create": "code", "/auth/token/refresh": "refresh_token"}


def judge_authorization(requests, _feeds):
    """The seller's authorization link, and the token calls on Lazada's authorization service: signed as any
    call, by lazop-sdk's own `sign`, but without an access token."""
    verdicts = Verdicts("lazop-sdk (authorization service)")
    for request, path, query in verdicts.each(requests, "/lazada-auth"):
        if path == "/oauth/authorize":
            missing = [name for name in AUTHORIZE if not query.get(name)]
            if missing or query.get("response_type") != "code":
                verdicts.refuse(request, f"an authorization link without {missing or ['response_type=code']}")
            continue
        api = path.removeprefix("/rest")
        parameters = dict(request.form_items())
        missing = [name for name in ("app_key", "timestamp", "sign_method", "sign", TOKEN_CALLS.get(api, "?"))
                   if not parameters.get(name)]
        if missing:
            verdicts.refuse(request, f"{api}: missing {missing}")
            continue
        if "access_token" in parameters:
            verdicts.refuse(request, f"{api} carries an access_token, which the token service takes none of")
        sent = parameters.pop("sign")
        if lazop_sdk.sign(SECRET, api, parameters) != sent:
            verdicts.refuse(request, f"sign {sent} is not what lazop-sdk computes for {api}")
    return verdicts, "authorization calls"


def judge(requests, _feeds):
    secret, api, parameters, expected = DOCUMENTED
    assert lazop_sdk.sign(secret, api, parameters) == expected, "lazop-sdk no longer gives Lazada's sample"
    verdicts = Verdicts("lazop-sdk")
    for request, api, _query in verdicts.each(requests, "/lazada/rest"):
        items = request.query_items() if request.method == "GET" else request.form_items()
        parameters = dict(items)
        if len(parameters) != len(items):
            verdicts.refuse(request, "a parameter sent twice")
        missing = [name for name in SYSTEM if not parameters.get(name)]
        if missing:
            verdicts.refuse(request, f"missing system parameters {missing}")
            continue
        if parameters["sign_method"] != "sha256":
            verdicts.refuse(request, f"sign_method {parameters['sign_method']!r}, not sha256")
        sent = parameters.pop("sign")
        if lazop_sdk.sign(SECRET, api, parameters) != sent:
            verdicts.refuse(request, f"sign {sent} is not what lazop-sdk computes for {api}")
    return verdicts, "calls"
