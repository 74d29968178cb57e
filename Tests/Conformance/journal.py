"""The sandbox's request journal (`ocop sandbox --record FILE`): one JSON line per request received."""

import base64
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl


@dataclass
class Request:
    number: int
    method: str
    path: str
    query: str
    headers: dict
    body: bytes
    authority: str

    def header(self, name):
        return self.headers.get(name.lower()) or next(
            (value for key, value in self.headers.items() if key.lower() == name.lower()), "")

    def query_items(self):
        return parse_qsl(self.query, keep_blank_values=True)

    def form_items(self):
        return parse_qsl(self.body.decode("utf-8"), keep_blank_values=True)

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def where(self):
        return f"request {self.number} ({self.method} {self.path})"


def read(path):
    with open(path, encoding="utf-8") as journal:
        for number, line in enumerate(journal, start=1):
            entry = json.loads(line)
            yield Request(number, entry["method"], entry["path"], entry["query"], entry["headers"],
                          base64.b64decode(entry["body_base64"]), entry.get("authority", ""))


class Verdicts:
    """What one judge found: how many requests it judged and each refusal with its place."""

    def __init__(self, judge):
        self.judge = judge
        self.judged = 0
        self.refusals = []

    def each(self, requests, prefix):
        """Each request, counted as judged, with its path below the marketplace's sandbox `prefix` and its query."""
        for request in requests:
            self.judged += 1
            yield request, request.path.removeprefix(prefix), dict(request.query_items())

    def refuse(self, request, reason):
        self.refusals.append(f"{self.judge}: {request.where()}: {reason}")

    def summary(self, what):
        return f"{self.judge}: {self.judged} {what} judged, {len(self.refusals)} refused"
