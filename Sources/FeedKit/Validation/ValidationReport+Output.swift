public import Foundation

extension ValidationReport {
    /// The stable JSON of DESIGN §6, keys sorted.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Writes the report file beside a feed (`FEED.report.json`), atomically.
    public func write(to url: URL) throws {
        try Data((try self.jsonText() + "\n").utf8).write(to: url, options: .atomic)
    }

    /// Whether `finding` withdraws its item by the OCOP rules (expired or revoked certificate, not goods)
    /// rather than holding it back for breaking the marketplace's rules.
    public static func withdraws(_ finding: Finding) -> Bool {
        ["certificate", "physical_goods"].contains(finding.rule)
    }

    /// Items held back for breaking the marketplace's rules (withdrawn items are not among them).
    public var heldBackItems: Set<String> {
        let withdrawn = Set(self.findings.filter(Self.withdraws).map(\.item))
        return Set(self.findings.filter { $0.severity == .error && !withdrawn.contains($0.item) }.map(\.item))
    }
}
