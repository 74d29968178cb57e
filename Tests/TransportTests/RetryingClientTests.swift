import Foundation
import Synchronization
import Testing
import Transport

/// An HTTP client that answers from a script and records what it was asked.
actor ScriptedClient: HTTPClient {
    enum Step: Sendable {
        case respond(Int, [(name: String, value: String)])
        case fail(TransportError)
    }

    private var steps: [Step]
    private(set) var sent = 0

    init(_ steps: [Step]) {
        self.steps = steps
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        self.sent += 1
        switch self.steps.removeFirst() {
        case .respond(let status, let headers): return HTTPResponse(status: status, headers: headers)
        case .fail(let error): throw error
        }
    }
}

/// Records the waits a retrying client asks for instead of sleeping.
final class RecordedSleeps: Sendable {
    private let waits = Mutex<[Duration]>([])
    var all: [Duration] { self.waits.withLock { $0 } }
    func record(_ duration: Duration) { self.waits.withLock { $0.append(duration) } }
}

@Suite struct RetryingClientTests {
    let request = HTTPRequest(url: URL(string: "https://example.invalid/x")!)

    func client(_ script: ScriptedClient, sleeps: RecordedSleeps, policy: RetryPolicy = RetryPolicy())
        -> RetryingClient<ScriptedClient>
    {
        RetryingClient(
            script,
            policy: policy,
            sleep: { sleeps.record($0) },
            jitter: { 1 },
            now: { Date(timeIntervalSince1970: 1_700_000_000) }
        )
    }

    @Test func fiveHundredsAndTimeoutsAreRetriedWithDoublingBackoff() async throws {
        let script = ScriptedClient([
            .respond(500, []), .fail(TransportError(.timeout, "t")), .fail(TransportError(.connection, "c")),
            .respond(200, []),
        ])
        let sleeps = RecordedSleeps()
        let response = try await self.client(script, sleeps: sleeps).send(self.request)
        #expect(response.status == 200)
        #expect(await script.sent == 4)
        #expect(sleeps.all == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test func aRequestThatIsNotIdempotentIsNotSentAgainWhenItMayHaveArrived() async throws {
        var create = self.request
        create.isIdempotent = false
        // A refusal and a connection that never opened are retried; a broken answer is not.
        let script = ScriptedClient([
            .respond(503, []), .fail(TransportError(.connection, "refused")),
            .fail(TransportError(.unanswered, "empty reply")), .respond(200, []),
        ])
        let error = await #expect(throws: TransportError.self) {
            try await self.client(script, sleeps: RecordedSleeps()).send(create)
        }
        #expect(error?.code == .unanswered && error?.mayHaveArrived == true)
        #expect(await script.sent == 3)
        // The same failures on an idempotent request go on to the answer.
        let again = ScriptedClient([
            .fail(TransportError(.unanswered, "empty reply")), .fail(TransportError(.timeout, "t")), .respond(200, []),
        ])
        #expect(try await self.client(again, sleeps: RecordedSleeps()).send(self.request).status == 200)
    }

    @Test func retryAfterIsHonouredInSecondsAndAsADate() async throws {
        let script = ScriptedClient([
            .respond(429, [("retry-after", "7")]), .respond(503, [("retry-after", "Tue, 14 Nov 2023 22:13:30 GMT")]),
            .respond(200, []),
        ])
        let sleeps = RecordedSleeps()
        _ = try await self.client(script, sleeps: sleeps).send(self.request)
        #expect(sleeps.all == [.seconds(7), .seconds(10)])  // 22:13:30 is 10 s after the injected now
    }

    @Test func afterTheLastAttemptTheLastAnswerStands() async throws {
        let script = ScriptedClient([.respond(503, []), .respond(503, []), .respond(503, [])])
        let sleeps = RecordedSleeps()
        let response = try await self.client(script, sleeps: sleeps, policy: RetryPolicy(maximumAttempts: 3)).send(
            self.request
        )
        #expect(response.status == 503 && sleeps.all.count == 2)

        let failing = ScriptedClient([.fail(TransportError(.timeout, "1")), .fail(TransportError(.timeout, "2"))])
        let error = await #expect(throws: TransportError.self) {
            try await self.client(failing, sleeps: sleeps, policy: RetryPolicy(maximumAttempts: 2)).send(self.request)
        }
        #expect(error?.message == "2")
    }

    @Test func clientErrorsAndOtherFailuresAreNotRetried() async throws {
        let script = ScriptedClient([.respond(400, []), .fail(TransportError(.badRequest, "b"))])
        let sleeps = RecordedSleeps()
        #expect(try await self.client(script, sleeps: sleeps).send(self.request).status == 400)
        await #expect(throws: TransportError.self) { try await self.client(script, sleeps: sleeps).send(self.request) }
        #expect(sleeps.all.isEmpty)
    }

    @Test func backoffIsCappedAndJittered() {
        let policy = RetryPolicy(baseDelay: .seconds(1), maximumDelay: .seconds(30))
        #expect(policy.backoff(afterAttempt: 10, jitter: 1) == .seconds(30))
        #expect(policy.backoff(afterAttempt: 3, jitter: 0.5) == .seconds(2))
        #expect(
            policy.retryAfter(HTTPResponse(status: 429, headers: [("retry-after", "3600")]), now: Date())
                == .seconds(30)
        )
    }

    @Test func secretsAreRedactedWholeAndLongestFirst() {
        let redactor = Redactor(secrets: ["shpk-4f3a", "shpk-4f3a-extra", "ab"])
        #expect(redactor.redact("key=shpk-4f3a-extra&k=shpk-4f3a ab") == "key=‹redacted›&k=‹redacted› ab")
    }
}
