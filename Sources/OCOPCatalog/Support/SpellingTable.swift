/// The spellings of a closed set of values (an English id and a Vietnamese name each), looked up as the
/// headings are matched: any case, with or without accents (`thực phẩm`, `THU HOI`).
///
/// Built once per type: folding every candidate name for every row dominated reading a catalogue. A spelling
/// written exactly as one of the names is found without being folded at all; any other is folded once.
struct SpellingTable<Value: Sendable>: Sendable {
    private var folded: [String: Value] = [:]
    private var exact: [String: Value] = [:]

    /// A table of `values`, each with its names; where two values' names fold alike, the earlier value wins.
    init(_ values: [(value: Value, names: [String])]) {
        for (value, names) in values {
            for name in names where self.folded[name.foldedHeading] == nil {
                self.folded[name.foldedHeading] = value
            }
        }
        for (_, names) in values {
            for name in names {
                // What the folded lookup gives for this very name, so both lookups always agree.
                self.exact[name] = self.folded[name.foldedHeading]
            }
        }
    }

    /// The value `spelling` names, or `nil`.
    func value(for spelling: String) -> Value? {
        if let value = self.exact[spelling] { return value }
        return self.folded[spelling.foldedHeading]
    }
}
