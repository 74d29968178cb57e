import Foundation
import Groundwork
import OCOPCatalog

/// Checks listings against a mapping's field rules and cross-field checks.
public struct Validator {
    private let rules: [CompiledRule]
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
        let marketplace = MarketplaceID(mapping.marketplace)?.displayName ?? mapping.marketplace
        self.rules = mapping.rules.map { CompiledRule($0, marketplace: marketplace) }
        self.checks = mapping.checks
        self.taxonomy = mapping.taxonomy
        self.category = CategoryCheck(mapping: mapping)
        self.leafAttributes = LeafAttributeCheck(mapping: mapping)
        self.marketplace = marketplace
    }

    /// Every finding for `listing`.
    public func validate(_ listing: Listing) -> [Finding] {
        var findings: [Finding] = []
        let item = listing.id.isEmpty ? "(no id)" : listing.id
        let attributes = AttributeIndex(listing.attributes)
        // One buffer for every rule's values: an array per rule was an allocation per rule and listing.
        var values: [String] = []
        values.reserveCapacity(8)
        for compiled in self.rules {
            // The rule, its path and its messages are read in place: copying them for every rule of every
            // listing retained and released each of their strings.
            attributes.values(at: compiled.path[...], into: &values)
            func add(_ kind: String, _ text: LocalizedText, _ value: String? = nil) {
                findings.append(
                    Finding(
                        item: item,
                        attribute: compiled.rule.attribute,
                        rule: kind,
                        severity: compiled.rule.severity,
                        text: text,
                        value: value
                    )
                )
            }
            if compiled.rule.required {
                // A group member is required in each group present; a top-level attribute, once.
                let missing = attributes.groupsMissing(compiled.path[...])
                if missing > 0 || (values.isEmpty && compiled.path.count == 1) {
                    add("required", compiled.says.required)
                }
            }
            if values.isEmpty { continue }
            if let maxCount = compiled.rule.maxCount, values.count > maxCount {
                add("max_count", compiled.says.tooMany(values.count, most: maxCount))
            }
            for value in values {
                // Characters are Unicode scalars of the NFC text, counted once for both bounds.
                let length =
                    compiled.rule.minLength == nil && compiled.rule.maxLength == nil ? 0 : Self.length(of: value)
                if let minLength = compiled.rule.minLength, length < minLength {
                    add("min_length", compiled.says.tooShort(length, least: minLength), value)
                }
                if let maxLength = compiled.rule.maxLength, length > maxLength {
                    add("max_length", compiled.says.tooLong(length, most: maxLength), value)
                }
                if let allowed = compiled.rule.allowed, !allowed.contains(value) {
                    add("enum", compiled.says.notAllowed(value, allowed: allowed), value)
                }
                if !compiled.matchesPattern(value) {
                    add("pattern", compiled.says.mismatch(value, pattern: compiled.rule.pattern ?? ""), value)
                }
                if let format = compiled.rule.format, let problem = format.problem(with: value) {
                    add("format", compiled.says.badFormat(value, format, problem: problem), value)
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

    /// The length of `value` in characters: Unicode scalars of its NFC text. ASCII, NFC as it is, needs no
    /// normalising: its length is its byte count.
    private static func length(of value: String) -> Int {
        let ascii = value.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        return ascii ? value.utf8.count : value.nfcScalarCount
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
        guard parts.count == 2 else { return nil }
        // Whole amounts, as prices in đồng are, read as integers: parsing text as a Decimal is slow.
        if parts[0].utf8.count <= 18, parts[0].utf8.allSatisfy({ (48...57).contains($0) }), let whole = Int64(parts[0])
        {
            return (Decimal(whole), parts[1])
        }
        guard let value = Decimal(string: String(parts[0])) else { return nil }
        return (value, parts[1])
    }
}

/// A field rule made ready once per validator: its path, its compiled pattern and its messages. A class, so
/// that each listing's pass over the rules copies a reference, not every string of the rule.
private final class CompiledRule {
    let rule: FieldRule
    let path: [String]
    let pattern: Regex<AnyRegexOutput>?
    /// The pattern when it is one most mappings use (`[A-Za-z0-9_-]+`, `[0-9]+(\.[0-9]{1,2})?`, `[^ ]+`):
    /// matched byte by byte, the regex engine left for what the bytes cannot decide.
    let bytePattern: BytePattern?
    let says: FindingMessages

    init(_ rule: FieldRule, marketplace: String) {
        self.rule = rule
        self.path = rule.attribute.split(separator: ".").map(String.init)
        self.pattern = rule.pattern.flatMap { try? Regex($0) }
        self.bytePattern = self.pattern == nil ? nil : rule.pattern.flatMap(BytePattern.init)
        self.says = FindingMessages(marketplace: marketplace, attribute: rule.attribute, column: rule.column)
    }

    /// Whether `value` matches the whole pattern (`true` without one).
    func matchesPattern(_ value: String) -> Bool {
        if let decided = self.bytePattern?.matchesWhole(value) { return decided }
        guard let pattern = self.pattern else { return true }
        return (try? pattern.wholeMatch(in: value)) != nil
    }
}

/// A listing's attributes as the rules read them: the text values at a path, and the groups that lack a member.
/// Scanned in order rather than indexed: a listing has a few dozen short names, and comparing them costs less
/// than hashing every name into a dictionary per listing (which was a sixth of checking a listing).
struct AttributeIndex {
    private let attributes: [Attribute]

    init(_ attributes: [Attribute]) {
        self.attributes = attributes
    }

    /// The text values at `path`: `[title]`, or `[shipping, country]` inside each `shipping` group.
    func values(at path: ArraySlice<String>) -> [String] {
        var values: [String] = []
        self.values(at: path, into: &values)
        return values
    }

    /// The same, replacing what `values` held (its storage kept).
    func values(at path: ArraySlice<String>, into values: inout [String]) {
        values.removeAll(keepingCapacity: true)
        guard let name = path.first else { return }
        let rest = path.dropFirst()
        for attribute in self.attributes where Self.same(attribute.name, name) {
            Self.collect(attribute.value, rest, into: &values)
        }
    }

    /// How many groups on `path` lack its last member (0 for a top-level attribute).
    func groupsMissing(_ path: ArraySlice<String>) -> Int {
        guard path.count > 1, let name = path.first else { return 0 }
        let rest = path.dropFirst()
        var count = 0
        for attribute in self.attributes where Self.same(attribute.name, name) {
            if case .group(let members) = attribute.value { count += Self.missing(in: members, rest) }
        }
        return count
    }

    /// Whether two names are the same: their lengths first (stored, so free to read), which tells nearly every
    /// pair of different names apart without the standard library's comparison (5% of checking a feed).
    @inline(__always) static func same(_ name: String, _ other: String) -> Bool {
        name.utf8.count == other.utf8.count && name == other
    }

    /// Adds what `value` holds at `rest` of a path: its text when the path ends here, or its members' values.
    private static func collect(_ value: Attribute.Value, _ rest: ArraySlice<String>, into values: inout [String]) {
        switch value {
        case .text(let text) where rest.isEmpty: values.append(text)
        case .group(let members) where !rest.isEmpty:
            guard let name = rest.first else { return }
            for member in members where Self.same(member.name, name) {
                Self.collect(member.value, rest.dropFirst(), into: &values)
            }
        default: break
        }
    }

    /// How many groups on `path` within `members` (a group's) lack its last member.
    private static func missing(in members: [Attribute], _ path: ArraySlice<String>) -> Int {
        guard let name = path.first else { return 0 }
        let rest = path.dropFirst()
        guard !rest.isEmpty else {
            // The last member is there when one of that name has a text (what `collect` would gather).
            return members.contains { Self.same($0.name, name) && $0.value.text != nil } ? 0 : 1
        }
        var count = 0
        for member in members where Self.same(member.name, name) {
            if case .group(let inner) = member.value { count += Self.missing(in: inner, rest) }
        }
        return count
    }
}
