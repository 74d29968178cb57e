"""Shopee's request signature, recomputed from its documented algorithm for every call we make.

Shopee publishes no client library; its "API calls" guide gives the algorithm: HMAC-SHA256, keyed with the
partner key, over partner_id + path + timestamp (+ access_token + shop_id for shop APIs), lowercase hex.
The judge first reproduces the guide's example base strings (vectors in the reference, section 9.5).
"""

import hashlib
import hmac

from journal import Verdicts

PARTNER, KEY, SHOP, TOKEN = "2001887", "sandbox-shopee-partner-key", "14701711", "sandbox-shopee-access-token"
PUBLIC = {"/api/v2/media_space/upload_image", "/api/v2/shop/auth_partner", "/api/v2/auth/token/get",
          "/api/v2/auth/access_token/get"}
# "Authorization and Authentication": what each token call's JSON body carries.
TOKEN_BODIES = {"/api/v2/auth/token/get": ("code", "shop_id", "partner_id"),
                "/api/v2/auth/access_token/get": ("refresh_token", "shop_id", "partner_id")}
VECTORS = [
    ("2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711",
     "9fdae5aeed86e753249982ec04aa54339280f12d3f456b9e3f7d8ee91e66a2b3"),
    ("2001887/api/v2/public/get_shops_by_partner1655714431",
     "bfd95b21eda3ed2c80e9373e8c0ce80bdc39b2dc02e4c6dc19e1413c75f8ab09"),
]


def sign(key, base):
    return hmac.new(key.encode(), base.encode(), hashlib.sha256).hexdigest()


def judge(requests, _feeds):
    for base, expected in VECTORS:
        assert sign("test_partner_key", base) == expected, "the Shopee judge no longer gives the vectors"
    verdicts = Verdicts("shopee (documented signature)")
    for request, path, query in verdicts.each(requests, "/shopee"):
        if path == "/api/v2/shop/auth_partner" and not query.get("redirect"):
            verdicts.refuse(request, "an authorization link without its redirect")
        if query.get("partner_id") != PARTNER or not query.get("timestamp", "").isdigit():
            verdicts.refuse(request, "no partner_id or timestamp")
            continue
        base = PARTNER + path + query["timestamp"]
        if path not in PUBLIC:
            # The fixed sandbox token, or one `ocop connect` obtained (and renewals replaced) for the shop.
            if not query.get("access_token") or query.get("shop_id") != SHOP:
                verdicts.refuse(request, "a shop API call without the shop's access_token and shop_id")
                continue
            base += query["access_token"] + SHOP
        if path in TOKEN_BODIES:
            body = request.json()
            missing = [name for name in TOKEN_BODIES[path] if name not in body]
            if missing or str(body.get("partner_id")) != PARTNER:
                verdicts.refuse(request, f"{path} without {missing or ['this partner_id']} in its body")
        if query.get("sign") != sign(KEY, base):
            verdicts.refuse(request, f"sign {query.get('sign')} is not the documented HMAC of {base}")
    return verdicts, "calls"
