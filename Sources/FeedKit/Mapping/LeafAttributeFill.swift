import Foundation
public import OCOPCatalog

extension Mapping {
    /// `listing` with the attributes of its leaf category (as the synced tree lists them) that the attribute
    /// map fills from `product`, each as the marketplace takes it: a listed value by its listed name and id, else
    /// the catalogue's text where the attribute takes any. What nothing fills is left out, for the validator to
    /// name when it is mandatory.
    public func fillingLeafAttributes(_ listing: Listing, product: Product, context: ListingContext) -> Listing {
        guard self.staleCategoryTree == nil, let key = self.categoryAttribute, let leaf = listing.value(key),
            let steps = self.leafAttributePlan.leaves[leaf]
        else { return listing }
        var listing = listing
        let present = Set(listing.leafAttributes.map(\.key))
        for step in steps where !present.contains(step.attribute.key) {
            guard let entry = step.entry else { continue }
            let candidates = entry.value.map { [$0] } ?? entry.from.map { Self.candidates($0, product, context) } ?? []
            if let filled = Self.fill(step, from: candidates) { listing.add(filled) }
        }
        return listing
    }

    /// The first candidate `step`'s attribute takes: one of its listed values; else, for a number, the first
    /// candidate that is one (its unit one the attribute lists, where it lists units); else, where it takes any
    /// text, the first candidate as written. A mandatory attribute that takes none of them is given the first as
    /// written, so that the validator names it; an optional one is left out (a date is never guessed from our
    /// columns).
    static func fill(_ step: LeafAttributePlan.Step, from candidates: [String]) -> LeafAttribute? {
        let attribute = step.attribute
        for candidate in candidates {
            if let option = step.option(matching: candidate) {
                return LeafAttribute(
                    key: attribute.key,
                    value: option.englishName ?? option.name,
                    valueID: option.id.isEmpty ? nil : option.id
                )
            }
        }
        let taken: LeafAttribute? =
            switch attribute.valueKind {
            case .number:
                candidates.lazy.compactMap { candidate in
                    Self.number(candidate, units: attribute.units).map {
                        LeafAttribute(key: attribute.key, value: $0.number, unit: $0.unit)
                    }
                }.first
            case .date: nil
            case nil:
                attribute.acceptsOtherValues
                    ? candidates.first.map { LeafAttribute(key: attribute.key, value: $0) } : nil
            }
        if let taken { return taken }
        guard attribute.isMandatory, let first = candidates.first else { return nil }
        return LeafAttribute(key: attribute.key, value: first)
    }

    /// `("500", "g")` for `500 g` where `units` (when given) has `g`; a unit written in Vietnamese matches its
    /// English name (`tháng`, `month`/`months`).
    static func number(_ text: String, units: [String]?) -> (number: String, unit: String?)? {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true).map(String.init)
        let digits = parts.first?.replacingOccurrences(of: ",", with: ".") ?? ""
        guard !digits.isEmpty, Double(digits) != nil else { return nil }
        guard let units else { return (digits, nil) }
        guard parts.count == 2 else { return nil }
        let english = ["ngày": "day", "tuần": "week", "tháng": "month", "năm": "year"]
        let written = parts[1].lowercased().precomposedStringWithCanonicalMapping
        func singular(_ unit: String) -> String {
            let folded = unit.foldedHeading
            return folded.count > 1 && folded.hasSuffix("s") ? String(folded.dropLast()) : folded
        }
        let wanted = singular(english[written] ?? written)
        return units.first { singular($0) == wanted }.map { (digits, $0) }
    }

    /// What `source` gives for `product`, in the order it is offered: the catalogue's text first, then the
    /// same in the spellings marketplaces list (`12 tháng`, `12 Months`; `Việt Nam`, `Vietnam`).
    static func candidates(_ source: CategoryAttributeMap.Source, _ product: Product, _ context: ListingContext)
        -> [String]
    {
        let text: String? =
            switch source {
            case .origin: nil
            case .brand: product.brand
            case .shelfLife: product.shelfLife
            case .ingredients: product.ingredients
            case .storage: product.storage
            case .netQuantity: product.netQuantity?.description
            case .weightGrams: product.weightGrams.map { "\($0) g" }
            case .province: product.producer.province
            case .producer: product.producer.name
            }
        if source == .origin {
            let country =
                context.country.uppercased() == "VN" ? ["Việt Nam", "Vietnam", "Viet Nam", "VN"] : [context.country]
            // A marketplace that lists provinces as places of origin is given the province; else the country.
            return country + [product.producer.province]
        }
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return [] }
        var candidates = [text]
        if let english = Self.englishDuration(text) { candidates.append(english) }
        if source == .netQuantity || source == .weightGrams {
            candidates.append(text.replacingOccurrences(of: " ", with: ""))
        }
        return candidates
    }

    /// `12 Months` for `12 tháng` (days, weeks, months and years), for marketplaces listing English values.
    static func englishDuration(_ text: String) -> String? {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, let count = Int(parts[0]) else { return nil }
        let units = ["ngày": "Day", "tuần": "Week", "tháng": "Month", "năm": "Year"]
        guard let unit = units[parts[1].lowercased().precomposedStringWithCanonicalMapping] else { return nil }
        return "\(count) \(unit)\(count == 1 ? "" : "s")"
    }
}
