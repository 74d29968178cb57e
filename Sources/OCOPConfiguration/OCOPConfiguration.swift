public import Foundation
import Yams

/// The settings of `ocop.yaml` (DESIGN §6): the catalogue, the shop, each marketplace, serving and jobs.
///
/// Values may name environment variables as `${VAR}`; they are looked up when the file is loaded, and a
/// variable that is not set is reported only when its value is needed (so a sample configuration with
/// placeholder credentials still works for commands that need none).
public struct OCOPConfiguration: Sendable {
    /// The shop the products are sold from.
    public struct Shop: Hashable, Sendable {
        /// The shop's web address; product pages default to `base_url/san-pham/<slug>`.
        public var baseURL: String?
        public var country = "VN"
        public var language = "vi"
        public var currency = "VND"
        /// The shop's IANA time zone: the times OCOP Connect shows (runs, the scheduler's log) are its local times.
        public var timeZone = "Asia/Ho_Chi_Minh"
    }

    /// The catalogue database path, relative to the configuration file.
    public var catalog: String?
    /// A folder replacing the built-in mappings, relative to the configuration file.
    public var mappings: String?
    /// The credential store of connected shops, relative to the configuration file.
    public var credentials: String?
    /// `ui_language: vi|en`: the language of every message and page (after `--lang` and `OCOP_LANG`).
    public var uiLanguage: String?
    public var shop = Shop()
    /// Settings per marketplace id, as given (secrets resolved when asked for).
    public var marketplaces: [String: Settings] = [:]
    /// Settings for `ocop serve`.
    public var serve: Settings?
    /// The scheduler's jobs, each a set of settings (`name`, `marketplace`, `action`, `schedule`…).
    public var jobs: [Settings] = []
    /// The folder the file was in; relative paths are resolved against it.
    public var directory: URL
    /// The marketplace ids the configuration (and its jobs) may name: the adapter registry's.
    public var knownMarketplaces: [String]

    /// A configuration with every default, for when there is no file; it may name `marketplaces`.
    public init(directory: URL, marketplaces: [String]) {
        self.directory = directory
        self.knownMarketplaces = marketplaces
    }

    /// The catalogue path, resolved against the configuration's folder.
    public var catalogPath: String? {
        self.catalog.map { URL(fileURLWithPath: $0, relativeTo: self.directory).standardizedFileURL.path }
    }

    /// The mappings folder, resolved against the configuration's folder.
    public var mappingsPath: String? {
        self.mappings.map { URL(fileURLWithPath: $0, relativeTo: self.directory).standardizedFileURL.path }
    }

    /// Reads and checks `url`, taking `${VAR}` values from `environment`; `marketplaces` are the ids it may
    /// name (the adapter registry's).
    public static func load(
        from url: URL,
        marketplaces: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> OCOPConfiguration {
        let file = url.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError(.unreadable, "\(url.path): cannot read the configuration (missing, or not UTF-8)")
        }
        let root: Any?
        do {
            root = try Yams.load(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(.unreadable, "\(file): not valid YAML: \(Self.oneLine(error))")
        } catch {
            throw ConfigurationError(.unreadable, "\(file): not valid YAML")
        }
        var configuration = OCOPConfiguration(directory: url.deletingLastPathComponent(), marketplaces: marketplaces)
        guard let root else { return configuration }
        let reader = SettingsReader(file: file, environment: environment)
        let top = try reader.mapping(root, at: "")
        for (key, value) in top.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "catalog": configuration.catalog = try reader.scalar(value, at: key)
            case "mappings": configuration.mappings = try reader.scalar(value, at: key)
            case "credentials": configuration.credentials = try reader.scalar(value, at: key)
            case "ui_language": configuration.uiLanguage = try reader.scalar(value, at: key)
            case "shop":
                let shop = try reader.settings(value, at: key)
                try shop.allowOnly(["base_url", "country", "language", "currency", "timezone"])
                configuration.shop.baseURL = try shop.value("base_url")
                configuration.shop.country = try shop.value("country") ?? "VN"
                configuration.shop.language = try shop.value("language") ?? "vi"
                configuration.shop.currency = try shop.value("currency") ?? "VND"
                configuration.shop.timeZone = try shop.value("timezone") ?? configuration.shop.timeZone
                if TimeZone(identifier: configuration.shop.timeZone) == nil {
                    throw ConfigurationError(
                        .invalid,
                        "\(file): shop.timezone \"\(configuration.shop.timeZone)\" is not an IANA time zone (for example "
                            + "Asia/Ho_Chi_Minh)"
                    )
                }
                if let base = configuration.shop.baseURL, !(base.hasPrefix("https://") || base.hasPrefix("http://")) {
                    throw ConfigurationError(.invalid, "\(file): shop.base_url must be an absolute http(s) URL")
                }
            case "marketplaces":
                for (id, settings) in try reader.mapping(value, at: key) {
                    guard marketplaces.contains(id) else {
                        throw ConfigurationError(
                            .invalid,
                            "\(file): marketplaces.\(id): unknown marketplace (known: \(marketplaces.joined(separator: ", ")))"
                        )
                    }
                    configuration.marketplaces[id] = try reader.settings(settings, at: "marketplaces.\(id)")
                }
            case "serve": configuration.serve = try reader.settings(value, at: key)
            case "jobs":
                guard let list = value as? [Any] else {
                    throw ConfigurationError(.invalid, "\(file): jobs must be a list")
                }
                configuration.jobs = try list.enumerated().map { (index, job) throws(ConfigurationError) in
                    try reader.settings(job, at: "jobs[\(index)]")
                }
            default:
                throw ConfigurationError(
                    .invalid,
                    "\(file): unknown key \"\(key)\" (expected catalog, mappings, credentials, ui_language, shop, marketplaces, serve, jobs)"
                )
            }
        }
        return configuration
    }

    private static func oneLine(_ error: YamlError) -> String {
        "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "syntax error"
    }
}
