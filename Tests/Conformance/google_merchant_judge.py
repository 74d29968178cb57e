"""Google's own client library judges what we send to the Merchant API.

Every part of every `batch/products/v1` call: an insert's body must parse as `ProductInput` strictly (an
unknown field name or a wrong enum value is refused, as the API answers "Invalid JSON payload received.
Unknown name"), its `dataSource` must be a data source name; a delete's name must be a product input name
and carry `dataSource` (required by `DeleteProductInputRequest`). The JSON feed's lines are judged as
`ProductInput` bodies too. Paths and names are checked with the client's own path templates.
"""

import re
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs, urlsplit

from google.shopping.merchant_products_v1 import ProductInput, ProductInputsServiceClient

from journal import Verdicts

INSERT = re.compile(r"^/products/v1/(accounts/[^/]+)/productInputs:insert$")
DELETE = re.compile(r"^/products/v1/(accounts/[^/]+/productInputs/[^/]+)$")
DATA_SOURCE = re.compile(r"^accounts/[^/]+/dataSources/[^/]+$")  # DataSourcesService's name pattern


def parts(request):
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + request.header("content-type").encode() + b"\r\n\r\n" + request.body)
    if not message.is_multipart():
        raise ValueError("the batch body is not multipart/mixed")
    for part in message.iter_parts():
        if part.get_content_type() != "application/http":
            raise ValueError(f"a batch part of type {part.get_content_type()}, not application/http")
        payload = part.get_payload(decode=True)
        head, _, body = payload.partition(b"\r\n\r\n")
        start_line = head.split(b"\r\n")[0].decode()
        yield start_line, body


def judge_part(start_line, body, prefix):
    method, target, _version = start_line.split(" ")
    url = urlsplit(target)
    path = url.path[len(prefix):] if url.path.startswith(prefix) else url.path
    data_source = parse_qs(url.query).get("dataSource", [""])[0]
    if not DATA_SOURCE.match(data_source):
        return f"{method} {path}: dataSource {data_source!r} is not accounts/{{account}}/dataSources/{{id}}"
    if method == "POST" and INSERT.match(path):
        ProductInput.from_json(body, ignore_unknown_fields=False)
        return None
    if method == "DELETE" and (match := DELETE.match(path)):
        if not ProductInputsServiceClient.parse_product_input_path(match.group(1)):
            return f"DELETE: {match.group(1)} is not a product input name"
        return None
    return f"{method} {path} is not a Merchant API products v1 call we make"


def judge(requests, feeds):
    verdicts = Verdicts("google-shopping-merchant-products")
    for request in requests:
        if request.path.startswith("/google/token"):
            continue
        if not request.path.startswith("/google/batch/products/v1"):
            verdicts.judged += 1
            verdicts.refuse(request, "not a call of the Merchant API batch endpoint")
            continue
        try:
            for start_line, body in parts(request):
                verdicts.judged += 1
                if reason := judge_part(start_line, body, "/google"):
                    verdicts.refuse(request, reason)
        except Exception as error:  # the library raises ParseError and friends
            verdicts.refuse(request, str(error).splitlines()[0])
    if verdicts.judged == 0:
        verdicts.refusals.append(f"{verdicts.judge}: no batch call reached the Merchant API; nothing was judged")
    lines = 0
    for path in feeds:
        with open(path, encoding="utf-8") as feed:
            for number, line in enumerate(feed, start=1):
                if not line.strip():
                    continue
                lines += 1
                try:
                    ProductInput.from_json(line, ignore_unknown_fields=False)
                except Exception as error:
                    verdicts.refusals.append(f"{verdicts.judge}: {path}:{number}: {str(error).splitlines()[0]}")
    return verdicts, f"batch parts (and {lines} JSON feed lines)"
