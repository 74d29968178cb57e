public import Foundation
public import OCOPCatalog
public import Publishing

/// The readiness of a whole catalogue in the little memory the served pages need at any size: the counts, the
/// problems grouped by reason (one group per marketplace and reason, with the products it affects), and a few
/// words and one state per marketplace for each product. Built one row at a time (``add(_:)``), so the rows
/// themselves are never all held.
public struct ReadinessSnapshot: Sendable {
    /// A product as the lists show it.
    public struct Product: Sendable {
        public var code: String
        public var name: String
        public var star: Int
        public var producer: String
        public var expires: CalendarDate
        public var standing: String
        /// Its state on each marketplace, in ``ReadinessSnapshot/marketplaces`` order.
        public var states: [ReadinessReport.State]
        /// Code, name and producer in ``ReadinessSnapshot/searchForm(_:)``, folded once here rather than for
        /// every product at every search.
        var searchText: String
    }

    public let today: CalendarDate
    public let generated: Date
    /// Marketplace ids, in column order.
    public var marketplaces: [String] { self.tally.marketplaces }
    public private(set) var products: [Product] = []
    /// The counts and the problems, each with every product it affects (indices into ``products``).
    public private(set) var tally: ReadinessTally<Int>
    /// Largest first.
    public var problems: [ReadinessTally<Int>.Problem] { self.tally.problems }
    /// Products whose certificate expires within the window, soonest first (indices into ``products``).
    public private(set) var expiring: [Int] = []
    /// The newest runs, newest first.
    public let runs: [PublishRun]
    /// The connected shops, and until when each can be renewed.
    public let connections: [ConnectionStatus]

    /// An empty snapshot, to be filled with ``add(_:)`` and closed with ``finish()``.
    public init(
        today: CalendarDate,
        generated: Date,
        marketplaces: [String],
        runs: [PublishRun],
        connections: [ConnectionStatus] = []
    ) {
        self.today = today
        self.generated = generated
        self.runs = runs
        self.connections = connections
        self.tally = ReadinessTally(marketplaces: marketplaces)
    }

    /// Takes in one product's row.
    public mutating func add(_ row: ReadinessReport.Row) {
        let index = self.products.count
        self.tally.add(row, as: index)
        let states = self.marketplaces.map { row.cell(on: $0).state }
        self.products.append(
            Product(
                code: row.code,
                name: row.name,
                star: row.star,
                producer: row.producer,
                expires: row.expires,
                standing: row.standing,
                states: states,
                searchText: Self.searchForm([row.code, row.name, row.producer].joined(separator: "\n"))
            )
        )
        if row.standing == "expiring" { self.expiring.append(index) }
    }

    /// Orders the problems (largest first) and the expiring certificates (soonest first).
    public mutating func finish() {
        self.tally.finish()
        let products = self.products
        self.expiring.sort { (products[$0].expires, $0) < (products[$1].expires, $1) }
    }

    /// How many products are in `state` on `marketplace`.
    public func count(_ state: ReadinessReport.State, on marketplace: String) -> Int {
        self.tally.count(state, on: marketplace)
    }

    /// Text as the search compares it, case, accents and đ forgiven: `Cà Phê` finds `ca phe`.
    static func searchForm(_ text: String) -> String { text.foldedForSearch.trimmingSpaces }
}
