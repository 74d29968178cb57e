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
