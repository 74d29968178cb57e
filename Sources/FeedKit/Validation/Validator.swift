import Foundation
import Groundwork
import OCOPCatalog

/// Checks listings against a mapping's field rules and cross-field checks.
public struct Validator {
    private let rules: [(rule: FieldRule, path: [String], pattern: Regex<AnyRegexOutput>?)]
    private let checks: [CrossFieldCheck]
    private let taxonomy: Mapping.TaxonomyCheck?
    /// Whether the category is a leaf of the marketplace's synced tree, where its categories come from one.
    private let category: CategoryCheck?
    /// Whether the listing carries what its leaf category makes mandatory, where the tree lists that.
    private let leafAttributes: LeafAttributeCheck?
    /// The marketplace as people call it, for messages.
    private let marketplace: String

    /// A validator for `mapping`'s rules (patterns were checked when the mapping loaded).
    public init(mapping: Mapping) {
        self.rules = mapping.rules.map { rule in
            (rule, rule.attribute.split(separator: ".").map(String.init), rule.pattern.flatMap { try? Regex($0) })
        }
        self.checks = mapping.checks
        self.taxonomy = mapping.taxonomy
        self.category = CategoryCheck(mapping: mapping)
        self.leafAttributes = LeafAttributeCheck(mapping: mapping)
        self.marketplace = MarketplaceID(mapping.marketplace)?.displayName ?? mapping.marketplace
    }

    /// Every finding for `listing`.
    public func validate(_ listing: Listing) -> [Finding] {
        var findings: [Finding] = []
        let item = listing.id.isEmpty ? "(no id)" : listing.id
        let attributes = AttributeIndex(listing.attributes)
        for (rule, path, pattern) in self.rules {
            let values = attributes.values(at: path[...])
            let says = FindingMessages(marketplace: self.marketplace, attribute: rule.attribute, column: rule.column)
            func add(_ kind: String, _ text: LocalizedText, _ value: String? = nil) {
                findings.append(
                    Finding(
                        item: item,
                        attribute: rule.attribute,
                        rule: kind,
                        severity: rule.severity,
                        text: text,
                        value: value
                    )
                )
            }
            if rule.required {
                // A group member is required in each group present; a top-level attribute, once.
                let missing = attributes.groupsMissing(path[...])
                if missing > 0 || (values.isEmpty && path.count == 1) {
                    add("required", says.required)
                }
            }
            if values.isEmpty { continue }
            if let maxCount = rule.maxCount, values.count > maxCount {
                add("max_count", says.tooMany(values.count, most: maxCount))
            }
            for value in values {
                if let minLength = rule.minLength, value.nfc.unicodeScalars.count < minLength {
                    add("min_length", says.tooShort(value.nfc.unicodeScalars.count, least: minLength), value)
                }
                if let maxLength = rule.maxLength {
                    let length = value.nfc.unicodeScalars.count
                    if length > maxLength {
                        add("max_length", says.tooLong(length, most: maxLength), value)
                    }
                }
                if let allowed = rule.allowed, !allowed.contains(value) {
                    add("enum", says.notAllowed(value, allowed: allowed), value)
                }
                if let pattern, (try? pattern.wholeMatch(in: value)) == nil {
                    add("pattern", says.mismatch(value, pattern: rule.pattern ?? ""), value)
                }
                if let format = rule.format, let problem = format.problem(with: value) {
                    add("format", says.badFormat(value, format, problem: problem), value)
                }
            }
        }
        for check in self.checks {
            findings += Self.run(check, on: listing, item: item)
        }
        if let taxonomy = self.taxonomy {
            for value in attributes.values(at: [taxonomy.attribute][...]) where !taxonomy.taxonomy.contains(value) {
                findings.append(
                    Finding(
                        item: item,
                        attribute: taxonomy.attribute,
                        rule: "taxonomy",
                        severity: .error,
                        text: FindingMessages.notInTaxonomy(
                            value,
                            attribute: taxonomy.attribute,
                            version: taxonomy.taxonomy.version,
                            marketplace: self.marketplace
                        ),
                        value: value
                    )
                )
            }
        }
        if let finding = self.category?.finding(for: listing, item: item) {
            findings.append(finding)
        } else if let leafAttributes = self.leafAttributes {
            findings += leafAttributes.findings(for: listing, item: item)
        }
        return findings
    }

    private static func run(_ check: CrossFieldCheck, on listing: Listing, item: String) -> [Finding] {
        switch check {
        case .identifierExists:
            let hasIdentifier = listing.value("gtin") != nil || listing.value("mpn") != nil
            let declared = listing.value("identifier_exists")
            if !hasIdentifier && declared != "no" && declared != "false" {
                return [
                    Finding(
                        item: item,
                        attribute: "identifier_exists",
                        rule: check.rawValue,
                        severity: .error,
                        text: FindingMessages.identifierExists,
                        value: declared
                    )
                ]
            }
        case .salePriceBelowPrice:
            if let price = listing.value("price"), let sale = listing.value("sale_price"),
                let priceAmount = Self.amount(price), let saleAmount = Self.amount(sale),
                priceAmount.currency != saleAmount.currency || saleAmount.value >= priceAmount.value
            {
                return [
                    Finding(
                        item: item,
                        attribute: "sale_price",
                        rule: check.rawValue,
                        severity: .error,
                        text: FindingMessages.saleNotBelowPrice(sale, price),
                        value: sale
                    )
                ]
            }
        case .descriptionDiffersFromTitle:
            if let title = listing.value("title"), listing.value("description") == title {
                return [
                    Finding(
                        item: item,
                        attribute: "description",
                        rule: check.rawValue,
                        severity: .error,
                        text: FindingMessages.descriptionRepeatsTitle,
                        value: title
                    )
                ]
            }
        case .brandOrIdentifier:
            if listing.value("brand") == nil && listing.value("gtin") == nil && listing.value("mpn") == nil {
                return [
                    Finding(
                        item: item,
                        attribute: "brand",
                        rule: check.rawValue,
                        severity: .error,
                        text: FindingMessages.brandOrIdentifier
                    )
                ]
            }
        }
        return []
    }

    private static func amount(_ price: String) -> (value: Decimal, currency: Substring)? {
        let parts = price.split(separator: " ")
        guard parts.count == 2, let value = Decimal(string: String(parts[0])) else { return nil }
        return (value, parts[1])
    }
}

/// A listing's attributes by name, built once per listing (groups included), so each rule finds its values
/// without scanning or re-indexing the listing.
struct AttributeIndex {
    private enum Entry {
        case text(String)
        case group(AttributeIndex)
    }

    private var byName: [String: [Entry]] = [:]

    init(_ attributes: [Attribute]) {
        for attribute in attributes {
            let entry: Entry =
                switch attribute.value {
                case .text(let text): .text(text)
                case .group(let members): .group(AttributeIndex(members))
                }
            self.byName[attribute.name, default: []].append(entry)
        }
    }

    /// The text values at `path`: `[title]`, or `[shipping, country]` inside each `shipping` group.
    func values(at path: ArraySlice<String>) -> [String] {
        guard let first = path.first, let entries = self.byName[first] else { return [] }
        let rest = path.dropFirst()
        var values: [String] = []
        for entry in entries {
            switch entry {
            case .text(let text) where rest.isEmpty: values.append(text)
            case .group(let index) where !rest.isEmpty: values += index.values(at: rest)
            default: break
            }
        }
        return values
    }

    /// How many groups on `path` lack its last member (0 for a top-level attribute).
    func groupsMissing(_ path: ArraySlice<String>) -> Int {
        guard path.count > 1, let first = path.first, let entries = self.byName[first] else { return 0 }
        let rest = path.dropFirst()
        return entries.reduce(0) { count, entry in
            guard case .group(let index) = entry else { return count }
            return count + (rest.count > 1 ? index.groupsMissing(rest) : (index.values(at: rest).isEmpty ? 1 : 0))
        }
    }
}
