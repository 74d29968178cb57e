/// The counts per marketplace and state, and the problems grouped by marketplace and reason with the products
/// they affect, taken in one row at a time. Shared by the served snapshot (every product of a problem, by its
/// index) and the report's summary (the first few, by name): `Member` is how a product is remembered, and
/// `membersKept` how many are.
public struct ReadinessTally<Member: Sendable>: Sendable {
    /// One reason that holds products back (or made their last attempt fail) on one marketplace.
    public struct Problem: Sendable {
        public var marketplace: String
        public var state: ReadinessReport.State
        public var reason: String
        /// How many products it affects.
        public var count: Int
        /// The first ``ReadinessTally/membersKept`` of them, in catalogue order.
        public var members: [Member]
    }

    /// Marketplace ids, in column order.
    public let marketplaces: [String]
    /// Largest first once ``finish()`` has run.
    public private(set) var problems: [Problem] = []
    /// Problems (a product on a marketplace, for one reason) whose reason came after ``problemsKept`` others:
    /// counted, not grouped (a reason that quotes a value can be one per product).
    public private(set) var otherProblems = 0
    /// How many products each problem remembers.
    public let membersKept: Int
    /// How many distinct reasons are grouped.
    public let problemsKept: Int
    /// `counts[m][s]`: products in state `s` (``ReadinessReport/State/allCases`` order) on marketplace `m`.
    private var counts: [[Int]]
    private var index: [String: [String: Int]] = [:]

    /// An empty tally of `marketplaces` (in column order).
    public init(marketplaces: [String], membersKept: Int = .max, problemsKept: Int = .max) {
        self.marketplaces = marketplaces
        self.membersKept = membersKept
        self.problemsKept = problemsKept
        self.counts = Array(
            repeating: Array(repeating: 0, count: ReadinessReport.State.allCases.count),
            count: marketplaces.count
        )
    }

    /// Takes in one product's row, the product remembered as `member` where a problem keeps it.
    public mutating func add(_ row: ReadinessReport.Row, as member: Member) {
        for (position, marketplace) in self.marketplaces.enumerated() {
            let cell = row.cell(on: marketplace)
            self.counts[position][Self.position(of: cell.state)] += 1
            for reason in cell.problems {
                if let known = self.index[marketplace]?[reason] {
                    self.problems[known].count += 1
                    if self.problems[known].members.count < self.membersKept {
                        self.problems[known].members.append(member)
                    }
                } else if self.problems.count >= self.problemsKept {
                    self.otherProblems += 1
                } else {
                    self.index[marketplace, default: [:]][reason] = self.problems.count
                    self.problems.append(
                        Problem(
                            marketplace: marketplace,
                            state: cell.state,
                            reason: reason,
                            count: 1,
                            members: [member]
                        )
                    )
                }
            }
        }
    }

    /// Orders the problems, largest first.
    public mutating func finish() {
        self.problems.sort { ($0.count, $1.marketplace, $1.reason) > ($1.count, $0.marketplace, $0.reason) }
        self.index = [:]
    }

    /// How many products are in `state` on `marketplace`.
    public func count(_ state: ReadinessReport.State, on marketplace: String) -> Int {
        guard let position = self.marketplaces.firstIndex(of: marketplace) else { return 0 }
        return self.counts[position][Self.position(of: state)]
    }

    private static func position(of state: ReadinessReport.State) -> Int {
        ReadinessReport.State.allCases.firstIndex(of: state) ?? 0
    }
}
