/// What validation found in a feed (DESIGN §6): `{marketplace, items, valid, errors, warnings, findings}`.
///
/// Counts cover every item; `findings` lists at most ``maximumFindings`` of them so that a report on a
/// million bad items stays bounded (the counts say how many there were).
public struct ValidationReport: Hashable, Sendable, Codable {
    /// How many findings a report lists at most.
    public static let maximumFindings = 10_000

    public var marketplace: String
    /// Items checked.
    public var items = 0
    /// Items without any error.
    public var valid = 0
    /// Error findings, all counted.
    public var errors = 0
    /// Warning findings, all counted.
    public var warnings = 0
    public var findings: [Finding] = []

    /// An empty report for `marketplace`.
    public init(marketplace: String) {
        self.marketplace = marketplace
    }

    /// Adds one item's findings.
    public mutating func record(item findings: [Finding]) {
        self.items += 1
        if !findings.contains(where: { $0.severity == .error }) { self.valid += 1 }
        self.record(findings)
    }

    /// Adds findings that belong to no item count (the file as a whole).
    public mutating func record(_ findings: [Finding]) {
        for finding in findings {
            switch finding.severity {
            case .error: self.errors += 1
            case .warning: self.warnings += 1
            }
            if self.findings.count < Self.maximumFindings { self.findings.append(finding) }
        }
    }

    /// Items that have at least one error (held back at export).
    public var invalid: Int { self.items - self.valid }
}
