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
        if query.get("partner_id") != PARTNER or not query.get("timestamp", "").isdigit():
            verdicts.refuse(request, "no partner_id or timestamp")
            continue
        base = PARTNER + path + query["timestamp"]
        if path not in PUBLIC:
            if query.get("access_token") != TOKEN or query.get("shop_id") != SHOP:
                verdicts.refuse(request, "a shop API call without the shop's access_token and shop_id")
                continue
            base += TOKEN + SHOP
        if query.get("sign") != sign(KEY, base):
            verdicts.refuse(request, f"sign {query.get('sign')} is not the documented HMAC of {base}")
    return verdicts, "calls"
