import Foundation
import Groundwork
import OCOPCatalog
import Sandbox
import TestSupport
import Testing
import Transport

@Suite(.timeLimit(.minutes(2))) struct SchedulerEndToEndTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner
    static let token = "sandbox-meta-token-SECRET-5150"
    let environment = ["META_ACCESS_TOKEN": token]

    init() throws {
        (self.folder, self.ocop) = try CommandRunner.withSampleCatalog()
    }

    /// A nightly publish job that has never run, so it is due at once (missed runs run at start-up).
    func writeConfig(_ base: URL) throws {
        try self.folder.write(
            "ocop.yaml",
            CommandRunner.sandboxMetaConfig(
                base,
                more: """
                    jobs:
                      - { name: nightly-meta, marketplace: meta-catalog, action: publish, schedule: "0 2 * * *",
                          timezone: Asia/Ho_Chi_Minh }
                    """
            )
        )
    }

    func sandboxState(_ base: URL) async throws -> (items: Int, creations: [Int]) {
        let state = try JSONValue.parse(
            try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/meta-catalog"))).body
        )
        guard case .object(let items)? = state["items"], case .object(let creations)? = state["creations"] else {
            return (0, [])
        }
        return (items.count, creations.map { if case .number(let count) = $0.1 { Int(count) ?? 0 } else { 0 } })
    }

    /// `ocop runs --json`, as text (it crosses back from the sandbox's scope).
    func history() async throws -> String {
        try await self.ocop.runDetached(["runs", "--json"]).stdout
    }

    func runs(_ json: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
    }

    @Test func aScheduledPublishStoppedWithSIGTERMIsResumedOnRestartAndCompletedOnce() async throws {
        let counter = ChangeCounter()
        let credentials = SandboxCredentials(metaAccessToken: Self.token)
        let (scheduler, log, restart, again, status, state, runsJSON) = try await withSandbox(
            credentials: credentials,
            observer: counter.observe
        ) { base in
            try self.writeConfig(base)
            // Given the scheduler running as a service, publishing its due job one item per call
            let log = self.folder.url.appending(path: "scheduler.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let scheduler = self.ocop.process([], executable: "ocop-scheduler", environment: self.environment)
            scheduler.standardOutput = try FileHandle(forWritingTo: log)
            scheduler.standardError = scheduler.standardOutput
            try scheduler.run()
            await counter.wait(for: 5)
            // When it is asked to stop mid-run and started again
            await scheduler.stop(with: SIGTERM)
            let restart = try await self.ocop.runDetached(
                ["--once"],
                executable: "ocop-scheduler",
                environment: self.environment
            )
            let again = try await self.ocop.runDetached(
                ["--once"],
                executable: "ocop-scheduler",
                environment: self.environment
            )
            let status = try await self.ocop.runDetached(["--status"], executable: "ocop-scheduler")
            return (
                scheduler, try String(contentsOf: log, encoding: .utf8), restart, again, status,
                try await self.sandboxState(base), try await self.history()
            )
        }
        let history = try self.runs(runsJSON)
        // Then it stopped cleanly, having recorded the run as interrupted
        #expect(scheduler.terminationReason == .exit && scheduler.terminationStatus == 0, "\(log)")
        // and the restart finished the job: every item created exactly once
        #expect(restart.status == 0, "\(restart.stderr)")
        #expect(state.items >= 30)
        #expect(state.creations.count == state.items && state.creations.allSatisfy { $0 == 1 })
        #expect(history.map { $0["status"] as? String } == ["succeeded", "interrupted"])
        #expect(history.allSatisfy { $0["trigger"] as? String == "schedule:nightly-meta" })
        let created = history.compactMap { $0["created"] as? Int }.reduce(0, +)
        #expect(created == state.items)
        // and the log said what each run did, as its history counts it (not what the interrupted run planned)
        let interrupted = try #require(history.last?["created"] as? Int)
        #expect(log.contains("meta-catalog: interrupted: created \(interrupted), "), "\(log)")
        // and a further --once finds nothing due
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing is due"))
        // --status shows the last run and the next time in the job's zone
        #expect(status.stdout.contains("nightly-meta"))
        #expect(status.stdout.contains("succeeded"))
        #expect(status.stdout.contains("02:00 +07:00 Asia/Ho_Chi_Minh"))
        for text in [log, restart.stdout, restart.stderr, status.stdout] { #expect(!text.contains("SECRET-5150")) }
    }

    @Test func aNightWhoseOnlyTroubleIsItemsHeldBackExitsZeroAndSaysHowMany() async throws {
        let night = try await withSandbox { base in
            let lazada = SandboxAccounts.lazada(base).map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
            try self.folder.write(
                "ocop.yaml",
                """
                catalog: ocop.sqlite
                shop: { base_url: "https://ocop.daklak.example.vn" }
                marketplaces:
                  lazada: { \(lazada) }
                jobs:
                  - { name: nightly-lazada, marketplace: lazada, action: publish, schedule: "0 2 * * *",
                      timezone: Asia/Ho_Chi_Minh }

                """
            )
            // The built-in mapping names Lazada's categories by path: its tree is synced first.
            let synced = try await self.ocop.runDetached(["categories", "sync", "lazada"])
            #expect(synced.status == 0, "\(synced.stderr)")
            return try await self.ocop.runDetached(["--once"], executable: "ocop-scheduler")
        }
        // A systemd timer must not show failed every night because some products lack a field.
        #expect(night.status == 0, "\(night.stderr)")
        // (The night is today's: PY-BANHTRANG-HL, held back for its package size, is withdrawn instead once its
        // certificate has expired on 2026-12-05, so the count of held back items depends on the day.)
        let heldBack = CalendarDate(Date()) > CalendarDate(year: 2026, month: 12, day: 5)! ? 2 : 3
        #expect(
            night.stderr.contains(
                "lazada: succeeded: created 36, updated 0, deleted 0, refreshed 0, \(heldBack) held back, 0 failed"
            ),
            "\(night.stderr)"
        )
        // The log is stamped in the shop's time zone (Asia/Ho_Chi_Minh by default), not the server's UTC.
        let stamped = night.stderr.split(separator: "\n").filter { $0.contains("lazada: succeeded") }
        #expect(!stamped.isEmpty && stamped.allSatisfy { $0.firstMatch(of: #/^\S+T\S+\+0700 /#) != nil }, "\(stamped)")
    }

    @Test func twoSchedulersStartedTogetherRunTheJobOnce() async throws {
        let credentials = SandboxCredentials(metaAccessToken: Self.token)
        let (results, state, runsJSON) = try await withSandbox(credentials: credentials) { base in
            try self.writeConfig(base)
            async let first = self.ocop.runDetached(
                ["--once"],
                executable: "ocop-scheduler",
                environment: self.environment
            )
            async let second = self.ocop.runDetached(
                ["--once"],
                executable: "ocop-scheduler",
                environment: self.environment
            )
            let results = try await [first, second]
            return (results, try await self.sandboxState(base), try await self.history())
        }
        let history = try self.runs(runsJSON)
        #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
        #expect(history.count == 1)
        #expect(history.first?["status"] as? String == "succeeded")
        #expect(state.creations.allSatisfy { $0 == 1 })
    }

    @Test func aJobThatKeepsFailingMakesOnceExitNonZeroWithAnErrorLine() async throws {
        // The access token is not in the environment, so every run fails before it sends anything.
        try self.folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            shop: { base_url: "https://ocop.daklak.example.vn" }
            marketplaces:
              meta-catalog: { endpoint: "http://127.0.0.1:9/graph", catalog_id: "789", access_token: "${META_ACCESS_TOKEN}" }
            jobs:
              - { name: every-minute, marketplace: meta-catalog, action: publish, schedule: "* * * * *" }
            """
        )
        var results: [CommandRunner.Result] = []
        for _ in 0..<3 {
            // Each --once is a new night for this job: the history's last attempt is moved back a day.
            results.append(try await self.ocop.runDetached(["--once"], executable: "ocop-scheduler"))
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            sqlite.arguments = [
                self.folder.url.appending(path: "ocop.sqlite").path,
                "UPDATE publishRun SET started = datetime(started, '-1 day'), finished = datetime(finished, '-1 day')",
            ]
            try sqlite.run()
            sqlite.waitUntilExit()
        }
        #expect(results.map(\.status) == [65, 65, 65])
        #expect(results.allSatisfy { $0.stderr.contains("META_ACCESS_TOKEN") })
        #expect(!results[1].stderr.contains("failed 3 runs in a row"))
        #expect(results[2].stderr.contains("every-minute has failed 3 runs in a row"))
    }
}
