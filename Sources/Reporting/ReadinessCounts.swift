/// How many products are in each state on each marketplace.
struct ReadinessCounts: Sendable {
    let marketplaces: [String]
    /// `counts[m][s]`: products in state `s` (``ReadinessReport/State/allCases`` order) on marketplace `m`.
    private var counts: [[Int]]

    init(marketplaces: [String]) {
        self.marketplaces = marketplaces
        self.counts = Array(
            repeating: Array(repeating: 0, count: ReadinessReport.State.allCases.count),
            count: marketplaces.count
        )
    }

    /// Counts one more product in `state` on the marketplace at `position` (in ``marketplaces``).
    mutating func add(_ state: ReadinessReport.State, at position: Int) {
        self.counts[position][Self.position(of: state)] += 1
    }

    /// How many products are in `state` on `marketplace`.
    func count(_ state: ReadinessReport.State, on marketplace: String) -> Int {
        guard let position = self.marketplaces.firstIndex(of: marketplace) else { return 0 }
        return self.counts[position][Self.position(of: state)]
    }

    private static func position(of state: ReadinessReport.State) -> Int {
        ReadinessReport.State.allCases.firstIndex(of: state) ?? 0
    }
}
