import Foundation
import Groundwork
import OCOPCatalog
import Sandbox
import TestSupport
import Testing
import Transport

/// Counts the sandbox's changes and lets a test wait for the n-th one: an event, not a sleep.
final class ChangeCounter: Sendable {
    let changes: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (self.changes, self.continuation) = AsyncStream.makeStream(of: Void.self)
    }

    func observe(_ marketplace: String) { self.continuation.yield() }

    /// Returns once `count` changes have been seen.
    func wait(for count: Int) async {
        var seen = 0
        for await _ in self.changes {
            seen += 1
            if seen == count { return }
        }
    }
}

extension Process {
    /// Sends `signal` and waits, off the concurrency pool, for the process to end.
    func stop(with signal: Int32) async {
        kill(self.processIdentifier, signal)
        _ = try? await onOwnThread { self.waitUntilExit() }
    }
}

@Suite(.timeLimit(.minutes(2))) struct PublishResumeTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner
    static let token = "sandbox-meta-token-SECRET-4711"

    init() throws {
        (self.folder, self.ocop) = try CommandRunner.withSampleCatalog()
    }

    func writeConfig(_ base: URL) throws {
        try self.folder.write("ocop.yaml", CommandRunner.sandboxMetaConfig(base))
    }

    func sandboxState(_ base: URL) async throws -> JSONValue {
        try JSONValue.parse(
            try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/meta-catalog"))).body
        )
    }

    @Test func aPublisherKilledMidRunFinishesTheJobOnRestartWithoutCreatingTwice() async throws {
        let counter = ChangeCounter()
        let environment = ["META_ACCESS_TOKEN": Self.token]
        let credentials = SandboxCredentials(metaAccessToken: Self.token)
        let (state, restart, runs) = try await withSandbox(credentials: credentials, observer: counter.observe) {
            base in
            try self.writeConfig(base)
            // Given a run under way, one item per call
            let publisher = self.ocop.process(
                ["publish", "meta-catalog", "--today", "2026-11-29"],
                environment: environment
            )
            publisher.standardOutput = FileHandle.nullDevice
            publisher.standardError = FileHandle.nullDevice
            try publisher.run()
            await counter.wait(for: 5)
            // When it is killed without warning and started again
            await publisher.stop(with: SIGKILL)
            let restart = try await self.ocop.runDetached(
                ["publish", "meta-catalog", "--today", "2026-11-29"],
                environment: environment
            )
            let runs = try await self.ocop.runDetached(["runs", "--json"])
            return (try await self.sandboxState(base), restart, runs)
        }
        // Then the marketplace holds each valid item exactly once, as after an uninterrupted run
        #expect(restart.status == 0, "\(restart.stderr)")
        guard case .object(let items)? = state["items"], case .object(let creations)? = state["creations"] else {
            Issue.record("no sandbox state")
            return
        }
        #expect(items.count == 39)
        #expect(creations.allSatisfy { $0.1 == .number("1") }, "an item was created twice")
        // and the killed run is recorded as interrupted
        let history = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        #expect(history.map { $0["status"] as? String } == ["succeeded", "interrupted"])
        // and the access token appears in no output, log or report
        for text in [restart.stdout, restart.stderr, runs.stdout] { #expect(!text.contains("SECRET-4711")) }
    }

    @Test func aRefusedTokenNeverAppearsInOutputOrHistory() async throws {
        let (result, runs) = try await withSandbox { base in
            try self.writeConfig(base)
            let result = try await self.ocop.runDetached(
                ["publish", "meta-catalog", "--today", "2026-11-29"],
                environment: ["META_ACCESS_TOKEN": Self.token]
            )
            let runs = try await self.ocop.runDetached(["runs", "--json", "1"])
            return (result, runs)
        }
        #expect(result.status == 65)  // a refused token stops the run: one line, the marketplace's words
        #expect(result.stderr.contains("meta-catalog: Invalid OAuth access token"))
        for text in [result.stdout, result.stderr, runs.stdout] { #expect(!text.contains("SECRET-4711")) }
    }
}
