/// The readiness snapshot, built once per catalogue change however many ask: a request that finds the
/// snapshot current gets it at once; one that finds it stale starts the single build that every request
/// arriving meanwhile waits for. The build runs to the end even when every requester has gone, so its work
/// serves the next one.
public actor ReadinessCache {
    private let version: @Sendable () -> String
    private let build: @Sendable () throws -> ReadinessSnapshot
    private var current: (version: String, snapshot: ReadinessSnapshot)?
    private var building: Task<ReadinessSnapshot, any Error>?

    /// A cache whose snapshot is current while `version` (cheap: the catalogue's change counter and the day)
    /// is the same as when it was built.
    public init(
        version: @escaping @Sendable () -> String,
        build: @escaping @Sendable () throws -> ReadinessSnapshot
    ) {
        self.version = version
        self.build = build
    }

    /// The current snapshot, building it if needed.
    public func snapshot() async throws -> ReadinessSnapshot {
        let version = self.version()
        if let current, current.version == version { return current.snapshot }
        if let building { return try await building.value }
        let build = self.build
        let task = Task.detached(priority: .utility) { try build() }
        self.building = task
        defer { self.building = nil }
        let snapshot = try await task.value
        self.current = (version, snapshot)
        return snapshot
    }
}
