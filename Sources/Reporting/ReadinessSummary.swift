public import OCOPCatalog

/// What a readiness page says of a whole catalogue, in bounded memory: the counts per marketplace and state,
/// the problems grouped by reason (how many products each affects and the first few of them; at most
/// ``problemsKept`` reasons, since a reason that quotes a value can be one per product), and the certificates
/// expiring soonest. Taken in one row at a time (``add(_:)``), so the rows themselves are never all held:
/// `ocop report` writes it for a catalogue of any size.
public struct ReadinessSummary: Sendable {
    /// A product named on the page: enough to recognise it.
    public struct Mention: Sendable, Hashable {
        public var code: String
        public var name: String
        public var producer: String
        public var expires: CalendarDate
    }

    /// One reason that holds products back (or made their last attempt fail) on one marketplace.
    public struct Problem: Sendable {
        public var marketplace: String
        public var state: ReadinessReport.State
        public var reason: String
        /// How many products it affects.
        public var count: Int
        /// The first ``ReadinessSummary/examplesPerProblem`` of them, in catalogue order.
        public var examples: [Mention]
    }

    /// Products named under each problem; the count says how many more there are.
    public static let examplesPerProblem = 5
    /// Distinct reasons kept; problems with any further reason are only counted (``otherProblems``).
    public static let problemsKept = 10_000
    /// Expiring certificates listed; the count says how many there are.
    public static let expiringListed = 100

    /// Marketplace ids, in column order.
    public var marketplaces: [String] { self.counts.marketplaces }
    /// How many products were taken in.
    public private(set) var products = 0
    /// Largest first once ``finish()`` has run.
    public private(set) var problems: [Problem] = []
    /// Problems (a product on a marketplace, for one reason) whose reason came after ``problemsKept`` others.
    public private(set) var otherProblems = 0
    /// The certificates expiring within the window, soonest first, at most ``expiringListed``.
    public private(set) var expiring: [Mention] = []
    /// How many certificates expire within the window.
    public private(set) var expiringCount = 0
    private var counts: ReadinessCounts
    private var problemIndex: [String: [String: Int]] = [:]

    /// An empty summary of `marketplaces` (in column order).
    public init(marketplaces: [String]) {
        self.counts = ReadinessCounts(marketplaces: marketplaces)
    }

    /// Takes in one product's row.
    public mutating func add(_ row: ReadinessReport.Row) {
        self.products += 1
        let mention = Mention(code: row.code, name: row.name, producer: row.producer, expires: row.expires)
        for (position, marketplace) in self.marketplaces.enumerated() {
            let cell = row.cells[marketplace] ?? ReadinessReport.Cell(state: .withdrawn)
            self.counts.add(cell.state, at: position)
            for reason in cell.problems {
                if let known = self.problemIndex[marketplace]?[reason] {
                    self.problems[known].count += 1
                    if self.problems[known].examples.count < Self.examplesPerProblem {
                        self.problems[known].examples.append(mention)
                    }
                } else if self.problems.count >= Self.problemsKept {
                    self.otherProblems += 1
                } else {
                    self.problemIndex[marketplace, default: [:]][reason] = self.problems.count
                    self.problems.append(
                        Problem(
                            marketplace: marketplace,
                            state: cell.state,
                            reason: reason,
                            count: 1,
                            examples: [mention]
                        )
                    )
                }
            }
        }
        if row.standing == "expiring" { self.noteExpiring(mention) }
    }

    /// Orders the problems, largest first.
    public mutating func finish() {
        self.problems.sort { ($0.count, $1.marketplace, $1.reason) > ($1.count, $0.marketplace, $0.reason) }
        self.problemIndex = [:]
    }

    /// How many products are in `state` on `marketplace`.
    public func count(_ state: ReadinessReport.State, on marketplace: String) -> Int {
        self.counts.count(state, on: marketplace)
    }

    /// Keeps the soonest ``expiringListed``, in order, by inserting where it belongs.
    private mutating func noteExpiring(_ mention: Mention) {
        self.expiringCount += 1
        let soonerThan = { (other: Mention) in (mention.expires, mention.code) < (other.expires, other.code) }
        let place = self.expiring.firstIndex(where: soonerThan) ?? self.expiring.endIndex
        guard place < Self.expiringListed else { return }
        self.expiring.insert(mention, at: place)
        if self.expiring.count > Self.expiringListed { self.expiring.removeLast() }
    }
}
