import ArgumentParser
import FeedKit
import Foundation
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
            abstract: "Host the exported feeds for scheduled fetches, the readiness page and the run history.",
            discussion: """
                Feeds: /feeds/MARKETPLACE.xml and .jsonl from the export folder (serve.feeds, default feeds/ \
                beside ocop.yaml), each behind its key (marketplaces.ID.feed_key, else serve.feed_password) \
                given as the HTTP Basic password of serve.feed_user or as ?key=; ETag, Last-Modified, \
                conditional GET and gzip. Readiness page: /. Run history: /runs (JSON); both behind \
                serve.page_password when it is set.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "The port (default: serve.port, else 8080; 0: any free port).")
        var port: Int?

        @Option(help: "The address to listen on (0.0.0.0 for every interface).")
        var host = "127.0.0.1"

        func run() async throws {
            let workspace = try ExitStatus.reporting { try self.options.workspace() }
            let configuration = workspace.configuration
            let serve = configuration.serve ?? Settings(path: "ocop.yaml: serve", values: [:])
            var keys: [String: String] = [:]
            for id in AdapterRegistry.adapters.map(\.marketplace.rawValue) {
                let own = try? configuration.marketplaces[id]?.value("feed_key")
                if let key = own ?? (try? serve.value("feed_password")) ?? nil, !key.isEmpty {
                    keys[id] = key
                } else {
                    Terminal.error(
                        "warning: the \(id) feed has no key (set marketplaces.\(id).feed_key or serve.feed_password); it is not served"
                    )
                }
            }
            let folder = URL(
                fileURLWithPath: (try? serve.value("feeds")) ?? "feeds",
                isDirectory: true,
                relativeTo: configuration.directory
            ).standardizedFileURL
            let port = try ExitStatus.reporting { try self.port ?? serve.value("port").flatMap(Int.init) ?? 8080 }
            let server = OCOPServer(
                host: self.host,
                port: port,
                feeds: folder,
                access: FeedAccess(user: (try? serve.value("feed_user")) ?? "ocop", keys: keys),
                pagePassword: try ExitStatus.reporting { try serve.value("page_password") },
                page: { ReadinessPage.html(try workspace.readinessReport(today: CalendarDate(Date()))) },
                runs: { try PublishOutput.runsJSON(try workspace.openCatalog().runs(limit: 200)) }
            )
            let host = self.host
            try await server.run { port in
                let base = "http://\(host):\(port)"
                let line =
                    "serving on \(base): feeds at \(base)/feeds/MARKETPLACE.xml (from \(folder.path)), "
                    + "readiness page at \(base)/, runs at \(base)/runs\n"
                FileHandle.standardOutput.write(Data(line.utf8))  // unbuffered: scripts wait for this line
            }
        }
    }
}
