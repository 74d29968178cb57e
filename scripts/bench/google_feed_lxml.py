#!/usr/bin/env python3
"""The peer of `ocop feed export google-merchant --format xml` in `make bench` (never in `make test`).

Writes a Google Merchant RSS feed straight from a catalogue CSV (as `ocop catalog generate` writes it) with
lxml's incremental writer: one <item> per row with the attributes our feed carries (id, title, description,
link, images, availability, condition, prices, brand, GTIN, category, product type, shipping size and weight,
unit pricing, country, and the OCOP certificate as product_detail groups). No checks, no catalogue: the floor
a plain script reaches, which the export is measured against.

    google_feed_lxml.py CATALOG.csv FEED.xml
"""
import csv
import re
import sys

from lxml import etree

G = "http://base.google.com/ns/1.0"
BASE = "https://ocop.daklak.example.vn"


def slug(text):
    """A rough ASCII slug for the product's link (the peer does not need ours exactly)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main(source, destination):
    with open(source, newline="", encoding="utf-8") as rows, etree.xmlfile(destination, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("rss", {"version": "2.0"}, nsmap={"g": G}):
            with xf.element("channel"):
                for name, text in (("title", "OCOP — " + BASE), ("link", BASE), ("description", "Sản phẩm OCOP")):
                    el = etree.Element(name)
                    el.text = text
                    xf.write(el)
                for row in csv.DictReader(rows):
                    item = etree.Element("item", nsmap={"g": G})

                    def add(name, text, parent=item):
                        if text:
                            etree.SubElement(parent, "{%s}%s" % (G, name)).text = text

                    images = [url for url in row.get("images", "").split("|") if url]
                    add("id", row["code"])
                    add("title", row["name"])
                    add("description", row.get("description") or row["name"])
                    add("link", "%s/san-pham/%s" % (BASE, slug(row["code"] + "-" + row["name"])))
                    add("image_link", images[0] if images else "")
                    for url in images[1:10]:
                        add("additional_image_link", url)
                    add("availability", "out_of_stock" if row.get("stock") == "0" else "in_stock")
                    add("condition", "new")
                    add("price", row["price"].replace(".", "") + " VND")
                    if row.get("sale_price"):
                        add("sale_price", row["sale_price"].replace(".", "") + " VND")
                    add("brand", row.get("producer", ""))
                    add("gtin", row.get("gtin", ""))
                    add("google_product_category", "412")
                    add("product_type", "OCOP > %s > %s" % (row.get("province", ""), row.get("subgroup", "")))
                    if row.get("weight_grams"):
                        add("shipping_weight", row["weight_grams"] + " g")
                    for side in ("length", "width", "height"):
                        if row.get(side + "_cm"):
                            add("shipping_" + side, row[side + "_cm"] + " cm")
                    add("unit_pricing_measure", row.get("net_quantity", "").replace(" ", ""))
                    add("ships_from_country", "VN")
                    for label, value in (
                        ("Hạng sao", row["star"] + " sao"),
                        ("Quyết định", "%s ngày %s" % (row["decision_number"], row["decision_date"])),
                        ("Chủ thể", row.get("producer", "")),
                    ):
                        detail = etree.SubElement(item, "{%s}product_detail" % G)
                        add("section_name", "Chứng nhận OCOP", detail)
                        add("attribute_name", label, detail)
                        add("attribute_value", value, detail)
                    xf.write(item)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: google_feed_lxml.py CATALOG.csv FEED.xml")
    main(sys.argv[1], sys.argv[2])
