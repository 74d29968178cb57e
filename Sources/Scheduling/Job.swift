public import Foundation
public import OCOPConfiguration

/// One scheduled job of `ocop.yaml`: what to do, to which marketplaces, and when.
///
/// ```yaml
/// jobs:
///   - { name: nightly, marketplace: my-market, action: publish,
///       schedule: "0 2 * * *", timezone: Asia/Ho_Chi_Minh, missed: run }
/// ```
public struct Job: Hashable, Sendable {
    /// What a job does to each of its marketplaces.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// Write the marketplace's feed file (and its report) into the job's output folder.
        case export
        /// Check the catalogue against the marketplace's rules and record what would be held back.
        case validate
        /// Send what changed to the marketplace's API (`ocop publish`).
        case publish
        /// Fetch the marketplace's category tree and keep it, reporting what drifted (`ocop categories sync`).
        case syncCategories = "sync-categories"
    }

    /// What to do about a scheduled time that passed while no scheduler was running.
    public enum MissedRun: String, Hashable, Sendable, CaseIterable {
        /// Run once at start-up when no run has started since the last scheduled time.
        case run
        /// Let it go; wait for the next scheduled time.
        case skip
    }

    /// The job's name: unique in the file, and the key of its run history and lease.
    public var name: String
    /// Marketplace ids, or `["all"]` for every configured one that the action applies to.
    public var marketplaces: [String]
    public var action: Action
    public var schedule: CronExpression
    /// The zone whose wall clock the schedule is read on (default Asia/Ho_Chi_Minh).
    public var timeZone: TimeZone
    public var missedRun: MissedRun
    /// Export only: `xml` or `json` (default: the marketplace's first format).
    public var format: String?
    /// Export only: the folder the feeds are written to, relative to the configuration file (default `feeds`).
    public var output: String?
    /// Export only: push each feed to its marketplace's `upload_url` once written.
    public var upload = false

    /// The trigger its runs are recorded with in the run history.
    public var trigger: String { "schedule:\(self.name)" }

    /// The zone used when a job names none: Vietnam's.
    public static let defaultTimeZone = "Asia/Ho_Chi_Minh"

    /// Creates a job.
    public init(
        name: String,
        marketplaces: [String],
        action: Action,
        schedule: CronExpression,
        timeZone: TimeZone,
        missedRun: MissedRun = .run,
        format: String? = nil,
        output: String? = nil
    ) {
        self.name = name
        self.marketplaces = marketplaces
        self.action = action
        self.schedule = schedule
        self.timeZone = timeZone
        self.missedRun = missedRun
        self.format = format
        self.output = output
    }

    /// Reads one job's settings, which may name the marketplaces in `known` (or `all`); every problem is one
    /// line naming the key.
    public init(
        _ settings: Settings,
        marketplaces known: [String],
        defaultTimeZone: String = Job.defaultTimeZone
    ) throws(ConfigurationError) {
        try settings.allowOnly([
            "name", "marketplace", "marketplaces", "action", "schedule", "timezone", "missed", "format", "output",
            "upload",
        ])
        func invalid(_ key: String, _ reason: String) -> ConfigurationError {
            ConfigurationError(.invalid, "\(settings.path).\(key): \(reason)")
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, default value: T?) throws(ConfigurationError)
            -> T where T.RawValue == String
        {
            guard let text = try settings.value(key) else {
                if let value { return value }
                throw ConfigurationError(.invalid, "\(settings.path).\(key) is required")
            }
            guard let chosen = T(rawValue: text) else {
                throw invalid(key, "\"\(text)\" is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return chosen
        }
        let name = try settings.require("name")
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else {
            throw invalid("name", "\"\(name)\" must be letters, digits, '-', '_' or '.'")
        }
        let marketplaces = try settings.list("marketplace") + settings.list("marketplaces")
        guard !marketplaces.isEmpty else {
            throw ConfigurationError(.invalid, "\(settings.path).marketplace is required (an id, a list, or all)")
        }
        if let unknown = marketplaces.first(where: { $0 != "all" && !known.contains($0) }) {
            throw invalid("marketplace", "unknown marketplace \"\(unknown)\" (known: \(known.joined(separator: ", ")))")
        }
        let scheduleText = try settings.require("schedule")
        let schedule: CronExpression
        do {
            schedule = try CronExpression(scheduleText)
        } catch {
            throw invalid("schedule", error.message)
        }
        let zoneName = try settings.value("timezone") ?? defaultTimeZone
        guard let zone = TimeZone(identifier: zoneName) else {
            throw invalid("timezone", "\"\(zoneName)\" is not an IANA time zone (for example Asia/Ho_Chi_Minh)")
        }
        let format = try settings.value("format")
        if let format, !["xml", "json"].contains(format) { throw invalid("format", "must be xml or json") }
        self.init(
            name: name,
            marketplaces: marketplaces,
            action: try choice("action", default: nil),
            schedule: schedule,
            timeZone: zone,
            missedRun: try choice("missed", default: MissedRun.run),
            format: format,
            output: try settings.value("output")
        )
        switch try settings.value("upload") {
        case nil, "false": self.upload = false
        case "true": self.upload = true
        case let other?: throw invalid("upload", "\"\(other)\" must be true or false")
        }
        if self.upload && self.action != .export { throw invalid("upload", "only an export job uploads") }
    }

    /// The jobs of `configuration`; names must be unique.
    public static func jobs(of configuration: OCOPConfiguration) throws(ConfigurationError) -> [Job] {
        var jobs: [Job] = []
        for settings in configuration.jobs {
            // A job without its own zone fires by the shop's (`shop.timezone:`), the zone its log is stamped in.
            let job = try Job(
                settings,
                marketplaces: configuration.knownMarketplaces,
                defaultTimeZone: configuration.shop.timeZone
            )
            guard !jobs.contains(where: { $0.name == job.name }) else {
                throw ConfigurationError(
                    .invalid,
                    "\(settings.path).name: another job is already named \"\(job.name)\""
                )
            }
            jobs.append(job)
        }
        return jobs
    }
}
