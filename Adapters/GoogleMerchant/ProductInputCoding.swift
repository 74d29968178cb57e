import FeedKit
import Foundation
import Groundwork
import OCOPCatalog

/// Listings to and from Merchant API `ProductInput` JSON (products v1): attributes under
/// `productAttributes` in camelCase, prices in `amountMicros` (1 VND = 1,000,000 micros, as an int64
/// string), enums in upper case, measures as `{value, unit}`. Only fields of v1's `ProductAttributes` are
/// written (`Contract/merchant-api-products-v1.json`): the XML feed's `ships_from_country` has no field there,
/// and the API refuses an unknown name, so it stays in the XML feed only.
enum ProductInputCoding {
    /// Feed names whose value is copied as one string.
    private static let texts: [(feed: String, api: String)] = [
        ("title", "title"), ("description", "description"), ("link", "link"), ("image_link", "imageLink"),
        ("brand", "brand"), ("mpn", "mpn"), ("google_product_category", "googleProductCategory"),
        ("item_group_id", "itemGroupId"), ("availability_date", "availabilityDate"),
        ("custom_label_0", "customLabel0"), ("custom_label_1", "customLabel1"), ("custom_label_2", "customLabel2"),
        ("custom_label_3", "customLabel3"), ("custom_label_4", "customLabel4"),
    ]
    /// Feed names that repeat, as arrays of strings.
    private static let lists: [(feed: String, api: String)] = [
        ("additional_image_link", "additionalImageLinks"), ("gtin", "gtins"), ("product_type", "productTypes"),
    ]
    private static let enums: [(feed: String, api: String)] = [
        ("availability", "availability"), ("condition", "condition"),
    ]
    private static let prices: [(feed: String, api: String)] = [("price", "price"), ("sale_price", "salePrice")]
    private static let measures: [(feed: String, api: String)] = [
        ("shipping_weight", "shippingWeight"), ("shipping_length", "shippingLength"),
        ("shipping_width", "shippingWidth"),
        ("shipping_height", "shippingHeight"),
    ]
    private static let detailKeys: [(feed: String, api: String)] = [
        ("section_name", "sectionName"), ("attribute_name", "attributeName"), ("attribute_value", "attributeValue"),
    ]

    static func encode(_ listing: Listing, context: ListingContext) -> JSONValue {
        var attributes: [(String, JSONValue)] = []
        for (feed, api) in Self.texts {
            if let value = listing.value(feed) { attributes.append((api, .string(value))) }
        }
        for (feed, api) in Self.lists {
            let values = listing.values(feed)
            if !values.isEmpty { attributes.append((api, .array(values.map(JSONValue.string)))) }
        }
        for (feed, api) in Self.enums {
            if let value = listing.value(feed) { attributes.append((api, .string(value.uppercased()))) }
        }
        if let declared = listing.value("identifier_exists") {
            attributes.append(("identifierExists", .bool(declared == "yes" || declared == "true")))
        }
        for (feed, api) in Self.prices {
            if let value = listing.value(feed), let price = Self.price(value) { attributes.append((api, price)) }
        }
        for (feed, api) in Self.measures {
            if let value = listing.value(feed), let measure = Self.measure(value) { attributes.append((api, measure)) }
        }
        if let value = listing.value("unit_pricing_measure"), let measure = Self.compactMeasure(value) {
            attributes.append(("unitPricingMeasure", measure))
        }
        let details = Self.groups("product_detail", in: listing)
        if !details.isEmpty {
            attributes.append(
                (
                    "productDetails",
                    .array(
                        details.map { members in
                            .object(
                                Self.detailKeys.compactMap { key in members[key.feed].map { (key.api, .string($0)) } }
                            )
                        }
                    )
                )
            )
        }
        return .object([
            ("offerId", .string(listing.id)),
            ("contentLanguage", .string(context.language)),
            ("feedLabel", .string(context.country)),
            ("productAttributes", .object(attributes)),
        ])
    }

    static func decode(_ value: JSONValue) throws(FeedError) -> Listing {
        guard case .object = value, let offerID = value["offerId"]?.text else {
            throw FeedError(.malformed, "not a ProductInput: offerId is missing")
        }
        guard case .object(let members)? = value["productAttributes"] else {
            throw FeedError(.malformed, "not a ProductInput: productAttributes is missing")
        }
        var listing = Listing(id: offerID)
        listing.add("id", offerID)
        for (key, member) in members {
            if let feed = Self.texts.first(where: { $0.api == key })?.feed {
                listing.add(feed, member.text)
            } else if let feed = Self.lists.first(where: { $0.api == key })?.feed, case .array(let values) = member {
                for value in values { listing.add(feed, value.text) }
            } else if let feed = Self.enums.first(where: { $0.api == key })?.feed {
                listing.add(feed, member.text?.lowercased())
            } else if key == "identifierExists", case .bool(let flag) = member {
                listing.add("identifier_exists", flag ? "yes" : "no")
            } else if let feed = Self.prices.first(where: { $0.api == key })?.feed {
                listing.add(feed, Self.priceText(member))
            } else if let feed = Self.measures.first(where: { $0.api == key })?.feed {
                if let number = member["value"]?.text, let unit = member["unit"]?.text {
                    listing.add(feed, "\(number) \(unit)")
                }
            } else if key == "unitPricingMeasure" {
                if let number = member["value"]?.text, let unit = member["unit"]?.text {
                    listing.add("unit_pricing_measure", "\(number)\(unit)")
                }
            } else if key == "productDetails", case .array(let details) = member {
                for detail in details {
                    listing.add(
                        "product_detail",
                        group: Self.detailKeys.compactMap { key in detail[key.api]?.text.map { .text(key.feed, $0) } }
                    )
                }
            } else if let text = member.text {
                listing.add(Self.snakeCase(key), text)  // an attribute we do not map: kept for the rules to see
            }
        }
        return listing
    }

    private static func groups(_ name: String, in listing: Listing) -> [[String: String]] {
        listing.attributes.compactMap { attribute in
            guard attribute.name == name, case .group(let members) = attribute.value else { return nil }
            return Dictionary(members.compactMap { member in member.value.text.map { (member.name, $0) } }) {
                first,
                _ in first
            }
        }
    }

    /// `185000 VND` → `{"amountMicros": "185000000000", "currencyCode": "VND"}`; `nil` when not a price.
    static func price(_ text: String) -> JSONValue? {
        let parts = text.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let number = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(number.count), let whole = Int64(number[0]) else { return nil }
        var fraction = number.count == 2 ? String(number[1]) : ""
        guard fraction.count <= 6, fraction.allSatisfy(\.isASCII) else { return nil }
        fraction += String(repeating: "0", count: 6 - fraction.count)
        guard let micros = Int64(fraction), case (let total, false) = whole.multipliedReportingOverflow(by: 1_000_000),
            case (let sum, false) = total.addingReportingOverflow(micros)
        else { return nil }
        return .object([("amountMicros", .string(String(sum))), ("currencyCode", .string(String(parts[1])))])
    }

    /// The feed's price text for a Merchant API price.
    static func priceText(_ value: JSONValue) -> String? {
        guard let microsText = value["amountMicros"]?.text, let micros = Int64(microsText),
            let currency = value["currencyCode"]?.text
        else { return nil }
        let whole = micros / 1_000_000
        let fraction = micros % 1_000_000
        guard fraction != 0 else { return "\(whole) \(currency)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits) \(currency)"
    }

    /// `0.55 kg` → `{"value": 0.55, "unit": "kg"}`.
    private static func measure(_ text: String) -> JSONValue? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, Double(parts[0]) != nil else { return nil }
        return .object([("value", .number(String(parts[0]))), ("unit", .string(String(parts[1])))])
    }

    /// `500g` → `{"value": 500, "unit": "g"}`.
    private static func compactMeasure(_ text: String) -> JSONValue? {
        guard let unitStart = text.firstIndex(where: \.isLetter), Double(text[..<unitStart]) != nil else { return nil }
        return .object([("value", .number(String(text[..<unitStart]))), ("unit", .string(String(text[unitStart...])))])
    }

    private static func snakeCase(_ camel: String) -> String {
        var result = ""
        for character in camel {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
