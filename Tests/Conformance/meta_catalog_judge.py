"""Meta's own Business SDK judges what we send to the Catalog Batch API.

`items_batch` parameters are checked with the type checker `ProductCatalog.create_items_batch` builds;
each request's `method` against the batch API's three methods; each item's fields, written in the product
feed's names as the batch API takes them, through the feed-to-Graph correspondence below, against the
fields of `ProductItem` and the parameters `ProductCatalog.create_product` accepts, enums (availability,
condition, gender, age group, visibility) with create_product's own checker. `check_batch_request_status` calls are checked the same way.
"""

from facebook_business.adobjects.productcatalog import ProductCatalog
from facebook_business.adobjects.productitem import ProductItem
from facebook_business.api import FacebookAdsApi

from journal import Verdicts

# Meta's "Supported fields" for catalog items: the feed column on the left, the ProductItem field it fills on
# the right (https://developers.facebook.com/docs/marketing-api/catalog/reference/#da-commerce). Names that are
# the same in both are not listed.
FEED_TO_GRAPH = {
    "id": "retailer_id",
    "title": "name",
    "link": "url",
    "image_link": "image_url",
    "additional_image_link": "additional_image_urls",
    "item_group_id": "retailer_product_group_id",
    "google_product_category": "category",
    "mpn": "manufacturer_part_number",
    "shipping_weight": "shipping_weight_value",
}
FIELDS = {value for name, value in vars(ProductItem.Field).items() if not name.startswith("_")}
METHODS = {"CREATE", "UPDATE", "DELETE"}  # the batch API's methods (items_batch reference)
ENUM_FIELDS = {"availability", "condition", "gender", "age_group", "visibility"}


def checker(method_name):
    catalog = ProductCatalog(fbid="0")
    return getattr(catalog, method_name)(pending=True)._param_checker


def judge_item(method, data, product):
    if method not in METHODS:
        return f"method {method!r} is not one of {sorted(METHODS)}"
    if not isinstance(data, dict) or "id" not in data:
        return "an item without its id (retailer id)"
    for name, value in data.items():
        graph = FEED_TO_GRAPH.get(name, name)
        if not product.is_valid_key(graph) and graph not in FIELDS:
            return f"{name!r} is not a ProductItem field"
        if graph in ENUM_FIELDS and not product.is_valid_pair(graph, value):
            return f"{name} {value!r} is not one of ProductItem's values"
    return None


def judge(requests, _feeds):
    FacebookAdsApi.init(access_token="judge", api_version="v21.0")
    batch, status, product = checker("create_items_batch"), checker("get_check_batch_request_status"), \
        checker("create_product")
    verdicts = Verdicts("facebook-business")
    for request in requests:
        verdicts.judged += 1
        if request.path.endswith("/items_batch") and request.method == "POST":
            body = request.json()
            unknown = [key for key in body if not batch.is_valid_key(key)]
            if unknown:
                verdicts.refuse(request, f"unknown items_batch parameters {unknown}")
            if body.get("item_type") != "PRODUCT_ITEM":
                verdicts.refuse(request, f"item_type {body.get('item_type')!r}, not PRODUCT_ITEM")
            if not isinstance(body.get("allow_upsert", False), bool):
                verdicts.refuse(request, "allow_upsert is not a bool")
            items = body.get("requests")
            if not isinstance(items, list) or not 1 <= len(items) <= 5000:
                verdicts.refuse(request, "requests must be a list of 1 to 5,000 items")
                continue
            for index, item in enumerate(items):
                if reason := judge_item(item.get("method"), item.get("data"), product):
                    verdicts.refuse(request, f"requests[{index}]: {reason}")
        elif request.path.endswith("/check_batch_request_status") and request.method == "GET":
            parameters = dict(request.query_items())
            unknown = [key for key in parameters if not status.is_valid_key(key)]
            if unknown or not parameters.get("handle"):
                verdicts.refuse(request, f"unknown parameters {unknown} or no handle")
        else:
            verdicts.refuse(request, "not a Catalog Batch API call")
    return verdicts, "Graph API calls"
