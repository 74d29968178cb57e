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

    /// Products named under each problem; the count says how many more there are.
    public static let examplesPerProblem = 5
    /// Distinct reasons kept; problems with any further reason are only counted (``otherProblems``).
    public static let problemsKept = 10_000
    /// Expiring certificates listed; the count says how many there are.
    public static let expiringListed = 100

    /// The counts and the problems, each naming its first ``examplesPerProblem`` products.
    public private(set) var tally: ReadinessTally<Mention>
    /// How many products were taken in.
    public private(set) var products = 0
    /// The certificates expiring within the window, soonest first, at most ``expiringListed``.
    public private(set) var expiring: [Mention] = []
    /// How many certificates expire within the window.
    public private(set) var expiringCount = 0

    /// An empty summary of `marketplaces` (in column order).
    public init(marketplaces: [String]) {
        self.tally = ReadinessTally(
            marketplaces: marketplaces,
            membersKept: Self.examplesPerProblem,
            problemsKept: Self.problemsKept
        )
    }

    /// Marketplace ids, in column order.
    public var marketplaces: [String] { self.tally.marketplaces }
    /// Largest first once ``finish()`` has run.
    public var problems: [ReadinessTally<Mention>.Problem] { self.tally.problems }
    /// Problems whose reason came after ``problemsKept`` others.
    public var otherProblems: Int { self.tally.otherProblems }

    /// Takes in one product's row.
    public mutating func add(_ row: ReadinessReport.Row) {
        self.products += 1
        let mention = Mention(code: row.code, name: row.name, producer: row.producer, expires: row.expires)
        self.tally.add(row, as: mention)
        if row.standing == "expiring" { self.noteExpiring(mention) }
    }

    /// Orders the problems, largest first.
    public mutating func finish() { self.tally.finish() }

    /// How many products are in `state` on `marketplace`.
    public func count(_ state: ReadinessReport.State, on marketplace: String) -> Int {
        self.tally.count(state, on: marketplace)
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
