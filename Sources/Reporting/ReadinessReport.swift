public import Foundation
public import OCOPCatalog
public import Publishing

/// Where each certified product stands on each marketplace, for the people who run OCOP Connect: what
/// the readiness page (`ocop report`, `ocop serve`) shows.
public struct ReadinessReport: Sendable {
    /// A product's state on one marketplace.
    public enum State: String, Hashable, Sendable, CaseIterable {
        /// The marketplace holds the product as it is now.
        case published
        /// Valid, and the next publish sends it (new, changed, or its last attempt failed).
        case willPublish = "will publish"
        /// Breaks the marketplace's rules: not sent until fixed.
        case heldBack = "held back"
        /// Not offered by the OCOP rules (expired or revoked certificate, a service) or by choice.
        case withdrawn
    }

    /// One cell of the matrix: the state and why.
    public struct Cell: Hashable, Sendable {
        public var state: State
        public var reasons: [String]
        /// The last attempt to send it failed (the first reason says how).
        public var lastAttemptFailed: Bool

        /// Creates a cell.
        public init(state: State, reasons: [String] = [], lastAttemptFailed: Bool = false) {
            self.state = state
            self.reasons = reasons
            self.lastAttemptFailed = lastAttemptFailed
        }

        /// Something a person must act on: held back, or a failed last attempt. Its reasons are the problems.
        public var isProblem: Bool { self.state == .heldBack || self.lastAttemptFailed }

        /// The reasons that are problems: every reason of a held-back cell, the failure of a failed one.
        public var problems: [String] {
            self.state == .heldBack ? self.reasons : self.lastAttemptFailed ? Array(self.reasons.prefix(1)) : []
        }
    }

    /// One product: what a person needs to recognise it, and its cells by marketplace id.
    public struct Row: Hashable, Sendable {
        public var code: String
        public var name: String
        public var star: Int
        public var producer: String
        public var thumbnail: String?
        public var expires: CalendarDate
        /// `active`, `expiring`, `expired` or `revoked`.
        public var standing: String
        public var cells: [String: Cell]

        /// Creates a row.
        public init(
            code: String,
            name: String,
            star: Int,
            producer: String,
            thumbnail: String?,
            expires: CalendarDate,
            standing: String,
            cells: [String: Cell]
        ) {
            self.code = code
            self.name = name
            self.star = star
            self.producer = producer
            self.thumbnail = thumbnail
            self.expires = expires
            self.standing = standing
            self.cells = cells
        }

        /// Its cell on `marketplace`; a marketplace it has none for counts it as withdrawn.
        public func cell(on marketplace: String) -> Cell { self.cells[marketplace] ?? Cell(state: .withdrawn) }
    }

    /// The day certificates were judged on.
    public var today: CalendarDate
    /// When the report was made.
    public var generated: Date
    /// Marketplace ids, in column order.
    public var marketplaces: [String] { self.summary.marketplaces }
    /// The counts, the problems grouped by reason and the expiring certificates, at any catalogue size.
    public private(set) var summary: ReadinessSummary
    /// Every product's row, in catalogue order, while there are at most ``rowLimit``; none beyond, where the
    /// page shows the summary alone (a matrix of every product is a page no phone opens).
    public private(set) var rows: [Row] = []
    /// The most products whose rows are kept.
    public let rowLimit: Int
    /// The newest runs, newest first.
    public var runs: [PublishRun]
    /// How far ahead an expiring certificate is listed.
    public var expiryWindowDays: Int

    /// An empty report, to be filled with ``add(_:)`` and closed with ``finish()``.
    public init(
        today: CalendarDate,
        generated: Date,
        marketplaces: [String],
        runs: [PublishRun],
        rowLimit: Int = 500,
        expiryWindowDays: Int = 60
    ) {
        self.today = today
        self.generated = generated
        self.summary = ReadinessSummary(marketplaces: marketplaces)
        self.rowLimit = rowLimit
        self.runs = runs
        self.expiryWindowDays = expiryWindowDays
    }

    /// Takes in one product's row.
    public mutating func add(_ row: Row) {
        self.summary.add(row)
        if self.summary.products <= self.rowLimit {
            self.rows.append(row)
        } else if !self.rows.isEmpty {
            self.rows = []
        }
    }

    /// Orders the problems, largest first.
    public mutating func finish() { self.summary.finish() }

    /// ``rows`` holds every product.
    public var listsEveryProduct: Bool { self.summary.products <= self.rowLimit }

    /// How many products are in `state` on `marketplace`.
    public func count(_ state: State, on marketplace: String) -> Int { self.summary.count(state, on: marketplace) }
}
