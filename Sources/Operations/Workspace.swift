public import FeedKit
public import Foundation
public import OCOPCatalog
public import OCOPConfiguration
public import Publishing

/// Where the work happens: the configuration, the catalogue and the mappings, and the operations both
/// executables perform on them (export, publish).
public struct Workspace: Sendable {
    public var configuration: OCOPConfiguration
    /// The catalogue database path.
    public var catalogPath: String
    /// A folder of mappings replacing the built-in ones.
    public var mappingsFolder: String?

    /// A workspace; the catalogue and mappings default to the configuration's, then `./ocop.sqlite`.
    public init(configuration: OCOPConfiguration, catalogPath: String? = nil, mappingsFolder: String? = nil) {
        self.configuration = configuration
        self.catalogPath = catalogPath ?? configuration.catalogPath ?? "ocop.sqlite"
        self.mappingsFolder = mappingsFolder ?? configuration.mappingsPath
    }

    /// Opens (creating and migrating) the catalogue.
    public func openCatalog() throws -> CatalogDatabase {
        try CatalogDatabase(path: self.catalogPath)
    }

    /// The adapter for `id` and its mapping.
    public func resolve(_ id: String) throws(FeedError) -> (adapter: any FeedAdapter, mapping: Mapping) {
        let adapter = try AdapterRegistry.adapter(id)
        return (adapter, try AdapterRegistry.mapping(for: adapter, folder: self.mappingsFolder))
    }

    /// The listing context of the shop, judging certificates on `today`.
    public func context(today: CalendarDate) throws(FeedError) -> ListingContext {
        try AdapterRegistry.context(self.configuration, today: today, warningDays: 60)
    }

    /// Writes the feed of `id` to `output` (through a temporary file) and returns its report.
    public func export(
        _ id: String,
        format: FeedFormat?,
        to output: URL,
        today: CalendarDate,
        progress: ((Int) -> Void)? = nil
    ) throws -> ValidationReport {
        let (adapter, mapping) = try self.resolve(id)
        let exporter = FeedExporter(adapter: adapter, mapping: mapping, context: try self.context(today: today))
        return try exporter.export(
            from: try self.openCatalog(),
            format: format ?? adapter.formats[0],
            to: output,
            progress: progress
        )
    }

    /// Plans and (unless `dryRun`) publishes `id`; `stopRequested` is asked between batches.
    public func publish(
        _ id: String,
        trigger: String,
        dryRun: Bool,
        allowMassDelete: Bool = false,
        today: CalendarDate,
        stopRequested: @escaping @Sendable () -> Bool = { false }
    ) async throws -> PublishSummary {
        let (adapter, mapping) = try self.resolve(id)
        guard let publishing = adapter as? any MarketplaceAdapter else {
            throw PublishingError(.account, "\(id) takes feed files, not API calls, in this version")
        }
        let exporter = FeedExporter(adapter: adapter, mapping: mapping, context: try self.context(today: today))
        let account = try AdapterRegistry.account(id, configuration: self.configuration, required: !dryRun)
        let publisher = Publisher(
            adapter: publishing,
            account: account,
            client: AdapterRegistry.client(for: account),
            database: try self.openCatalog(),
            batchSize: account.value("batch_size").flatMap(Int.init)
        )
        return try await publisher.publish(
            planner: PublishPlanner(exporter: exporter, allowMassDelete: allowMassDelete),
            trigger: trigger,
            dryRun: dryRun,
            stopRequested: stopRequested
        )
    }
}
