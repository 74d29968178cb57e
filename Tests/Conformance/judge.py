"""Every request a sandbox publishing session received, judged by the marketplace's own client library or,
where it publishes none, by its documented signing algorithm; and every JSON body by the contract files,
read with `jsonschema` rather than our own reader.

Usage: judge.py JOURNAL [GOOGLE_JSON_FEED...]. Any refusal, or a marketplace that received nothing, fails.
"""

import sys

import contract_judge
import google_merchant_judge
import journal
import lazada_judge
import meta_catalog_judge
import shopee_judge
import tiktok_shop_judge
import woocommerce_judge

# Where each marketplace's calls arrive in the sandbox, and who judges them. Tiki publishes neither a client
# library nor a signature (a bearer token): its calls are counted here, its bodies judged by contract_judge.
JUDGES = {
    "/google/": google_merchant_judge.judge,
    "/graph/": meta_catalog_judge.judge,
    "/lazada/": lazada_judge.judge,
    "/lazada-auth/": lazada_judge.judge_authorization,
    "/woocommerce/": woocommerce_judge.judge,
    "/shopee/": shopee_judge.judge,
    "/tiktok/": tiktok_shop_judge.judge,
    "/tiktok-auth/": tiktok_shop_judge.judge_authorization,
    "/tiki/": None,
}
NOT_MARKETPLACES = ("/images/", "/sandbox/")


def main(journal_path, feeds):
    requests = list(journal.read(journal_path))
    failed = False
    for prefix, judge in JUDGES.items():
        received = [request for request in requests if request.path.startswith(prefix)]
        if not received:
            print(f"{prefix}: the sandbox received no call; the session did not publish there")
            failed = True
            continue
        if judge is None:
            print(f"{prefix}: {len(received)} calls (no client library or signature: its bodies are judged by its contract)")
            continue
        verdicts, what = judge(received, feeds)
        print(verdicts.summary(what))
        for refusal in verdicts.refusals[:20]:
            print("  " + refusal)
        failed = failed or bool(verdicts.refusals)
    verdicts, what = contract_judge.judge(requests, feeds)
    print(verdicts.summary(what))
    for refusal in verdicts.refusals[:20]:
        print("  " + refusal)
    failed = failed or bool(verdicts.refusals)
    strays = [r for r in requests if not r.path.startswith(tuple(JUDGES) + NOT_MARKETPLACES)]
    for stray in strays:
        print(f"no marketplace's endpoint: {stray.where()}")
    return 1 if failed or strays else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
