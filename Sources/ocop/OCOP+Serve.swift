import ArgumentParser
import Foundation
import Groundwork
import OCOPCatalog
import OCOPConfiguration
import Operations
import Publishing
import Reporting
import Serving

extension OCOP {
    /// `ocop serve [--port P] [--host H]`
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Host the exported feeds for scheduled fetches, the readiness pages and the run history.",
            discussion: """
                Feeds: /feeds/MARKETPLACE.xml and .jsonl from the export folder (serve.feeds, default feeds/ \
                beside ocop.yaml), each behind its key (marketplaces.ID.feed_key, else serve.feed_password) \
                given as the HTTP Basic password of serve.feed_user or, for fetchers that cannot send it, as \
                ?key= (weaker: the key is then in the URL); ETag, Last-Modified, conditional GET, and the gzip \
                copy each export writes beside the feed. Readiness pages: / (counts, problems, expiring \
                certificates, last runs) and pages per problem, marketplace and product, built once per catalogue \
                change. Run history: /runs (JSON). Both behind serve.page_password, which is required unless \
                the server listens on loopback. Limits: serve.header_timeout (10 s), body_timeout (30 s), \
                idle_timeout (30 s), max_connections (2000, then 503), max_failed_logins per address per minute \
                (10, then 429), counted per client: behind a proxy, list it in serve.trusted_proxies so that its \
                X-Forwarded-For names the client. One access line per request on standard output, or appended to \
                serve.access_log.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "The port (default: serve.port, else 8080; 0: any free port).")
        var port: Int?

        @Option(help: "The address to listen on (0.0.0.0 for every interface; then serve.page_password is required).")
        var host = "127.0.0.1"

        func run() async throws {
            let language = try self.options.language()
            let workspace = try ExitStatus.reporting(in: language) { try self.options.workspace() }
            var settings = try ExitStatus.reporting(in: language) {
                try ServeSettings(workspace.configuration, host: self.host, port: self.port)
            }
            for warning in settings.warnings { Terminal.error(warning) }
            // A fetch holds two files (its socket and the feed); the catalogue, logs and refused sockets need more.
            let files = OpenFileLimit.raise(toAtLeast: settings.limits.maxConnections * 2 + 256)
            let affordable = max(1, (files - 256) / 2)
            if settings.limits.maxConnections > affordable {
                Terminal.error(
                    "warning: serve.max_connections \(settings.limits.maxConnections) is more than this process can "
                        + "hold open (\(files) files); lowered to \(affordable)"
                )
                settings.limits.maxConnections = affordable
            }
            let accessLog = try ExitStatus.reporting(in: language) { try Self.accessLog(settings.accessLog) }
            let folder = workspace.hostedFeedsFolder
            let watched = try ExitStatus.reporting(in: language) { try workspace.openCatalog() }
            let cache = ReadinessCache(version: { Self.version(of: watched) }) {
                try workspace.readinessSnapshot(today: CalendarDate(Date()), language: language)
            }
            let server = OCOPServer(
                host: self.host,
                port: settings.port,
                feeds: folder,
                access: settings.access,
                pagePassword: settings.pagePassword,
                limits: settings.limits,
                trustedProxies: settings.trustedProxies,
                accessLog: accessLog,
                pages: { path, query in
                    let site = ReadinessSite(snapshot: try await cache.snapshot(), language: language) { code in
                        try workspace.readinessRow(code: code, today: CalendarDate(Date()), language: language)
                    }
                    return try site.page(path, query: query)
                },
                runs: { try PublishOutput.runsJSON(try workspace.openCatalog().runs(limit: 200)) }
            )
            let host = self.host
            try await server.run { port in
                let base = "http://\(host):\(port)"
                let line =
                    "serving on \(base): feeds at \(base)/feeds/MARKETPLACE.xml (from \(folder.path)), "
                    + "readiness pages at \(base)/, runs at \(base)/runs\n"
                FileHandle.standardOutput.write(Data(line.utf8))  // unbuffered: scripts wait for this line
            }
        }

        /// What the readiness pages depend on, cheaply: the catalogue's commits since the server started and
        /// the day. The configuration is read once, at start.
        static func version(of catalogue: CatalogDatabase) -> String {
            // A catalogue that cannot be read gives a new version each time: the build then says why.
            let commits = (try? catalogue.changeCounter()).map(String.init) ?? UUID().uuidString
            return "\(commits)|\(CalendarDate(Date()))"
        }

        /// The access log: appended to `file`, else standard output.
        static func accessLog(_ file: URL?) throws(ConfigurationError) -> AccessLog {
            guard let file else { return .writing(to: .standardOutput) }
            // O_APPEND: every line lands at the end, also after logrotate has truncated the file.
            let descriptor = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
            guard descriptor >= 0 else {
                throw ConfigurationError(.invalid, "serve.access_log: cannot write \(file.path)")
            }
            return .writing(to: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
        }
    }
}
