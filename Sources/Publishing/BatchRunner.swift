import FeedKit
import Foundation
import Logging
import OCOPCatalog
import Transport

/// The core's side of a batch marketplace: it sends each batch's one request (with the run's listing
/// context, the time and a fresh nonce), and for a marketplace that finishes batches later, asks for the
/// batch's status until it is done.
struct BatchRunner<Adapter: BatchRequestAdapter>: Sendable {
    let adapter: Adapter
    let account: Adapter.Account
    let client: any HTTPClient
    let timeout: Duration?
    let now: @Sendable () -> Date
    let nonce: @Sendable () -> String
    let pause: @Sendable (Duration) async throws -> Void
    let logger: Logger

    /// Sends `batch` and returns each change's outcome; throws when the marketplace cannot be reached.
    func send(_ batch: [PlannedChange], listing: ListingContext, redactor: Redactor) async throws -> [ItemOutcome] {
        // Built once here so a request the adapter cannot build stops the run; then built again for every
        // attempt, each with its own time and nonce (a retried OAuth nonce is refused as used).
        @Sendable func request() throws(PublishingError) -> HTTPRequest {
            let context = BatchRequestContext(listing: listing, now: self.now(), nonce: self.nonce())
            var request = try self.adapter.request(for: batch, account: self.account, context: context)
            if let timeout = self.timeout { request.timeout = timeout }
            return request
        }
        let built = try request()
        let response: HTTPResponse
        do {
            response = try await self.client.send(signingEachAttempt: { (try? request()) ?? built })
        } catch {
            throw PublishingError(
                .unreachable,
                "\(self.adapter.marketplace.rawValue): \(redactor.redact(error.message))",
                underlying: error
            )
        }
        if let words = self.adapter.refusedCredentials(response) {
            throw PublishingError(.account, "\(self.adapter.marketplace.rawValue): \(redactor.redact(words))")
        }
        return try await self.finalOutcomes(of: batch, response: response)
    }

    /// The batch's outcomes; for a marketplace that processes batches after answering, once its status
    /// says it has finished (checked at once, then after 1, 2, 4… up to 10 seconds, at most 12 times; still
    /// unfinished, the answer's own outcomes stand, each saying so).
    private func finalOutcomes(of batch: [PlannedChange], response: HTTPResponse) async throws -> [ItemOutcome] {
        let immediate = self.adapter.outcomes(of: batch, response: response)
        guard let request = try self.adapter.statusRequest(after: response, account: self.account) else {
            return immediate
        }
        var backoff = PollingBackoff()
        for check in 0..<12 {
            if check > 0 {
                let wait = backoff.next()
                self.logger.debug(
                    "batch still processing",
                    metadata: ["marketplace.id": "\(self.adapter.marketplace)", "wait": "\(wait)"]
                )
                try await self.pause(wait)
            }
            guard let status = try? await self.client.send(request) else { continue }
            if let outcomes = self.adapter.outcomes(of: batch, response: response, status: status) { return outcomes }
        }
        return immediate.map { outcome in
            var outcome = outcome
            if outcome.succeeded { outcome.message = "accepted; the marketplace was still processing the batch" }
            return outcome
        }
    }
}
