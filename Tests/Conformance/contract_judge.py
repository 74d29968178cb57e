"""The contract files judged by an implementation that is not ours: `jsonschema` (Draft 2020-12) checks every
JSON body the session sent against the schema in `Adapters/<Name>/Contract/`, as the Swift sandbox does with
its own reader. Stricter than the marketplaces where they ignore unknown members: a member the reference
does not name is refused here too, since whatever a marketplace drops silently is lost to the office.

Meta's `items_batch` is judged call (its parameters) and items (each `requests[].data`); Google's bodies travel
inside batches and are judged by its own client library (google_merchant_judge).
"""

import json
import os

from jsonschema import Draft202012Validator

from journal import Verdicts

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
# Each marketplace: where its calls arrive in the sandbox, its contract file, and the parts to judge.
MARKETPLACES = {
    "Shopee": ("/shopee", "Shopee/Contract/shopee-product-v2.json"),
    "TikTokShop": ("/tiktok", "TikTokShop/Contract/tiktok-shop-products.json"),
    "Tiki": ("/tiki/integration", "Tiki/Contract/tiki-open-api-v1.json"),
    "WooCommerce": ("/woocommerce/wp-json/wc/v3", "WooCommerce/Contract/woocommerce-products-v3.json"),
    "MetaCatalog": ("/graph/v21.0", "MetaCatalog/Contract/meta-items-batch.json"),
}
OURS_ONLY = ("description", "readOnly", "source")


def standard(node):
    """Our subset as standard JSON Schema: notes dropped, every object closed to members it does not name."""
    schema = {key: value for key, value in node.items() if key not in OURS_ONLY}
    if "properties" in schema:
        schema["properties"] = {name: standard(child) for name, child in schema["properties"].items()}
        if schema["properties"]:
            schema.setdefault("additionalProperties", False)
    if "items" in schema:
        schema["items"] = standard(schema["items"])
    return schema


def matches(template, path):
    """Whether `path` is `template` with each `{name}` standing for one segment."""
    want, have = template.split("/"), path.split("/")
    return len(want) == len(have) and all(
        w == h or (w.startswith("{") and w.endswith("}") and h) for w, h in zip(want, have))


def judge(requests, _feeds):
    verdicts = Verdicts("contracts (jsonschema)")
    for target, (prefix, file) in MARKETPLACES.items():
        with open(os.path.join(ROOT, "Adapters", file), encoding="utf-8") as source:
            contract = json.load(source)
        validators = {}
        for request_name, parts in contract["requests"].items():
            method, template = request_name.split(" ", 1)
            validators[(method, template)] = {part: Draft202012Validator(standard(s)) for part, s in parts.items()}
        judged_before = verdicts.judged
        for request in requests:
            if not request.path.startswith(prefix + "/"):
                continue
            path = request.path.removeprefix(prefix)
            parts = next((v for (m, t), v in validators.items() if m == request.method and matches(t, path)), None)
            if parts is None or not request.body or not request.header("content-type").startswith(
                    "application/json"):
                continue  # a call the contract does not cover, or one that carries no JSON
            verdicts.judged += 1
            body = request.json()
            checks = [("body", body)] if "body" in parts else []
            if "form" in parts:
                checks.append(("form", body))
            if "item" in parts:
                checks += [("item", entry.get("data", {})) for entry in body.get("requests", [])
                           if entry.get("method") != "DELETE"]
            for part, value in checks:
                for error in parts[part].iter_errors(value):
                    where = "/".join(str(step) for step in error.absolute_path) or "(the whole body)"
                    verdicts.refuse(request, f"{target} {part} {where}: {error.message}")
        if verdicts.judged == judged_before:
            verdicts.refusals.append(f"{verdicts.judge}: no {target} body was judged: none arrived under {prefix}")
    return verdicts, "JSON bodies"
