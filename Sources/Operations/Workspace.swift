public import FeedKit
public import Foundation
import Groundwork
public import Logging
public import OCOPCatalog
public import OCOPConfiguration
public import Publishing
public import Transport

/// Where the work happens: the configuration, the catalogue and the mappings, and the operations both
/// executables perform on them (export, publish).
public struct Workspace: Sendable {
    public var configuration: OCOPConfiguration
    /// The catalogue database path.
    public var catalogPath: String
    /// A folder of mappings replacing the built-in ones.
    public var mappingsFolder: String?
    /// Where publishing says what it does (each batch, each retry, each wait); silent unless the executable
    /// gives one.
    public var logger = Logger(label: "ocop", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Told each renewed connection once it is in the credential store, before its token is used.
    public var connectionStored: @Sendable (ShopConnection) throws -> Void = { _ in }

    /// A workspace; the catalogue and mappings default to the configuration's, then `./ocop.sqlite`.
    public init(configuration: OCOPConfiguration, catalogPath: String? = nil, mappingsFolder: String? = nil) {
        self.configuration = configuration
        self.catalogPath = catalogPath ?? configuration.catalogPath ?? "ocop.sqlite"
        self.mappingsFolder = mappingsFolder ?? configuration.mappingsPath
    }

    /// The workspace of a command line: the configuration file given (relative to the working folder), else
    /// `./ocop.yaml` when present, else the defaults; `catalog` and `mappings` take precedence over it.
    public static func load(config: String?, catalog: String? = nil, mappings: String? = nil)
        throws(ConfigurationError) -> Workspace
    {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let configuration: OCOPConfiguration
        let marketplaces = AdapterRegistry.adapters.map(\.marketplace.rawValue)
        if let config {
            configuration = try OCOPConfiguration.load(
                from: URL(fileURLWithPath: config, relativeTo: current),
                marketplaces: marketplaces
            )
        } else if FileManager.default.fileExists(atPath: current.appending(path: "ocop.yaml").path) {
            configuration = try OCOPConfiguration.load(
                from: current.appending(path: "ocop.yaml"),
                marketplaces: marketplaces
            )
        } else {
            configuration = OCOPConfiguration(directory: current, marketplaces: marketplaces)
        }
        return Workspace(configuration: configuration, catalogPath: catalog, mappingsFolder: mappings)
    }

    /// Opens (and migrates) the catalogue; one that does not exist is an error saying how to make it: only
    /// ``createCatalog()`` (for `catalog import`) makes one, so a command run in the wrong folder never reads
    /// an empty catalogue it has just created.
    public func openCatalog() throws -> CatalogDatabase {
        guard FileManager.default.fileExists(atPath: self.catalogPath) else {
            throw CatalogError(
                .notFound,
                LocalizedText(
                    en: "there is no catalogue at \(self.catalogPath): make one with ocop catalog import FILE "
                        + "(or name yours with --catalog, or catalog: in ocop.yaml)",
                    vi: "chưa có danh sách sản phẩm ở \(self.catalogPath): tạo bằng lệnh ocop catalog import TỆP "
                        + "(hoặc chỉ tới danh sách sản phẩm của bạn bằng --catalog, hay catalog: trong ocop.yaml)"
                )
            )
        }
        return try CatalogDatabase(path: self.catalogPath)
    }

    /// Opens the catalogue, creating and migrating it when it does not exist yet.
    public func createCatalog() throws -> CatalogDatabase {
        try CatalogDatabase(path: self.catalogPath)
    }

    /// The adapter for `id` and its mapping.
    public func resolve(_ id: String) throws(FeedError) -> (adapter: any MarketplaceAdapter, mapping: Mapping) {
        let adapter = try AdapterRegistry.adapter(id)
        return (adapter, try AdapterRegistry.mapping(for: adapter, folder: self.mappingsFolder))
    }

    /// The listing context of the shop, judging certificates on `today`.
    public func context(today: CalendarDate) throws(FeedError) -> ListingContext {
        try AdapterRegistry.context(self.configuration, today: today, warningDays: 60)
    }

    /// Where connected shops' tokens are kept: `credentials:` in `ocop.yaml` (relative to it), else
    /// `ocop-credentials.json` beside it.
    public var credentialStore: CredentialStore {
        CredentialStore(
            url: URL(
                fileURLWithPath: self.configuration.credentials ?? "ocop-credentials.json",
                relativeTo: self.configuration.directory
            ).standardizedFileURL
        )
    }

    /// The keeper of `adapter`'s connected shop, renewing through `client`; `nil` when the marketplace has no
    /// shops to connect. `stored` is told each renewal once it is in the store.
    public func connectionKeeper(
        _ adapter: any MarketplaceAdapter,
        client: any HTTPClient,
        stored: @escaping @Sendable (ShopConnection) throws -> Void = { _ in }
    ) -> ConnectionKeeper? {
        adapter.shopAuthorization.map {
            ConnectionKeeper(
                store: self.credentialStore,
                authorization: $0,
                marketplace: adapter.marketplace.rawValue,
                client: client,
                logger: self.logger,
                stored: stored
            )
        }
    }

    /// The folder `ocop serve` hosts feeds from: `serve.feeds` (relative to `ocop.yaml`), else `feeds/` beside it.
    public var hostedFeedsFolder: URL {
        URL(
            fileURLWithPath: (try? self.configuration.serve?.value("feeds")) ?? "feeds",
            isDirectory: true,
            relativeTo: self.configuration.directory
        ).standardizedFileURL
    }

    /// Writes the feed of `id` to `output` (through a temporary file) and returns its report. A feed written
    /// into ``hostedFeedsFolder`` gets its gzip copy beside it (`FILE.gz`), which `ocop serve` streams to
    /// fetchers that accept gzip.
    public func export(
        _ id: String,
        format: FeedFormat?,
        to output: URL,
        today: CalendarDate,
        progress: ((Int) -> Void)? = nil
    ) throws -> ValidationReport {
        let (adapter, builtin) = try self.resolve(id)
        let database = try self.openCatalog()
        let mapping = try self.withCategoryTree(builtin, database: database, today: today)
        let exporter = FeedExporter(adapter: adapter, mapping: mapping, context: try self.context(today: today))
        return try exporter.export(
            from: database,
            format: format ?? adapter.formats[0],
            to: output,
            compressedCopy: output.deletingLastPathComponent().standardizedFileURL.path == self.hostedFeedsFolder.path,
            progress: progress
        )
    }

    /// Pushes the feed `file` of `id` to the account's `upload_url` (sftp or https); returns where it went
    /// and the bytes sent.
    public func upload(_ id: String, file: URL, uploader: any FileUploader = CurlUploader()) async throws
        -> (url: String, bytes: Int64)
    {
        // Only the upload's own settings: a missing API token does not stop a file upload.
        let settings = self.configuration.marketplaces[id]
        func value(_ key: String) throws(ConfigurationError) -> String? { try settings?.value(key) }
        guard let address = try value("upload_url"), let url = URL(string: address), url.scheme != nil else {
            throw PublishingError(
                .account,
                "marketplaces.\(id).upload_url is not set: give the sftp:// or https:// address the feed goes to"
            )
        }
        let target = UploadTarget(
            url: url,
            username: try value("upload_user") ?? url.user,
            password: try value("upload_password"),
            privateKeyFile: try value("upload_key").map {
                URL(fileURLWithPath: $0, relativeTo: self.configuration.directory).path
            },
            hostKeySHA256: try value("upload_host_key")
        )
        let redactor = Redactor(secrets: target.secrets)
        do {
            return (url.redactedForLogs, try await uploader.upload(file, to: target))
        } catch {
            let code: PublishingError.Code =
                error.code == .badRequest || error.code == .refused ? .account : .unreachable
            throw PublishingError(code, "\(id): \(redactor.redact(error.message))")
        }
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
        let (adapter, builtin) = try self.resolve(id)
        let database = try self.openCatalog()
        // Categories by path resolve through the tree `ocop categories sync` kept; nothing goes to a non-leaf.
        let mapping = try self.withCategoryTree(builtin, database: database, today: today)
        let exporter = FeedExporter(adapter: adapter, mapping: mapping, context: try self.context(today: today))
        // A connected shop's tokens (ocop connect) take the place of a token in ocop.yaml.
        let shop = try? self.configuration.marketplaces[id]?.value("shop_id")
        let connected =
            try adapter.shopAuthorization != nil && self.credentialStore.connection(for: id, shop: shop ?? nil) != nil
        let account = try AdapterRegistry.account(
            id,
            configuration: self.configuration,
            required: !dryRun,
            optional: connected ? ["access_token"] : []
        )
        let client = AdapterRegistry.client(for: adapter, account: account, logger: self.logger)
        let publisher = Publisher(
            adapter: adapter,
            account: account,
            client: client,
            database: database,
            batchSize: account.value("batch_size").flatMap(Int.init),
            tokens: AdapterRegistry.tokens,
            // Renewals are never retried: a refresh token is spent by the first request that reaches the service.
            connections: connected
                ? self.connectionKeeper(adapter, client: CurlClient(), stored: self.connectionStored) : nil,
            logger: self.logger
        )
        return try await publisher.publish(
            planner: PublishPlanner(
                exporter: exporter,
                listingLifetime: adapter.listingLifetime,
                allowMassDelete: allowMassDelete,
                dailySendLimit: adapter.dailySendLimit
            ),
            trigger: trigger,
            dryRun: dryRun,
            stopRequested: stopRequested
        )
    }
}
