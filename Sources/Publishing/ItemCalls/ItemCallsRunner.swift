import FeedKit
import Foundation
import Groundwork
import Logging
import OCOPCatalog
import Synchronization
import Transport

/// The core's side of a multi-call marketplace: it walks each change's conversation, sending every call the
/// adapter describes (signed at the time it leaves), fetching the images it asks for, waiting where it asks,
/// and sorting what comes back: a busy marketplace fails the item for this run, a refused account or request
/// stops the run, an item refusal goes back to the conversation.
struct ItemCallsRunner<Adapter: ItemCallsAdapter>: Sendable {
    /// Renews the account's token after the marketplace refused the given one as expired.
    typealias Renewal =
        @Sendable (_ stale: MarketplaceAccount, _ refusedToken: String) async throws -> MarketplaceAccount

    let adapter: Adapter
    /// The account as settings and as the adapter's typed account, replaced together when a token is renewed.
    private let current: CurrentAccount<Adapter.Account>
    /// What the discovery calls answered, applied again to a renewed account.
    private var discoveries: [JSONValue] = []
    let renewal: Renewal?
    let client: any HTTPClient
    let images: ImageDownloader
    let now: @Sendable () -> Date
    let pause: @Sendable (Duration) async throws -> Void
    let logger: Logger

    /// A runner for `settings`, parsed by the adapter once here.
    init(
        adapter: Adapter,
        settings: MarketplaceAccount,
        renewal: Renewal?,
        client: any HTTPClient,
        images: ImageDownloader,
        now: @escaping @Sendable () -> Date,
        pause: @escaping @Sendable (Duration) async throws -> Void,
        logger: Logger
    ) throws(PublishingError) {
        self.adapter = adapter
        self.current = CurrentAccount(settings: settings, account: try adapter.account(settings))
        self.renewal = renewal
        self.client = client
        self.images = images
        self.now = now
        self.pause = pause
        self.logger = logger
    }

    var account: Adapter.Account { self.current.account }

    /// Sends `change` and returns its outcome. A refused item is an outcome; throws only when nothing can
    /// succeed (the marketplace unreachable, the credentials or the request's shape refused) or the task is
    /// cancelled.
    func publish(_ change: PlannedChange) async throws -> ItemOutcome {
        let marketplace = self.adapter.marketplace.rawValue
        var conversation = self.adapter.conversation(for: change, account: self.account)
        if let problem = await self.imageProblem(change) {
            return self.outcome(change, failure: ItemFailure(problem, references: conversation.references))
        }
        var answer: StepAnswer? = nil
        while true {
            switch conversation.next(after: answer) {
            case .call(let call):
                self.logger.debug(
                    "call",
                    metadata: [
                        "marketplace.id": "\(marketplace)", "item.code": "\(change.code)",
                        "call": "\(call.method) \(call.path)",
                    ]
                )
                let response: HTTPResponse
                do {
                    response = try await self.sendRenewing(call)
                } catch let error as TransportError where error.mayHaveArrived && !call.isIdempotent {
                    answer = .lost(error.message)
                    continue
                } catch let error as TransportError {
                    throw PublishingError(.unreachable, "\(marketplace): \(error.message)", underlying: error)
                }
                switch self.adapter.answer(to: response) {
                case .data(let data):
                    answer = .data(data)
                case .refused(let refusal) where refusal.errorClass == .request:
                    throw PublishingError(.account, "\(marketplace): \(refusal.said)")
                case .refused(let refusal) where refusal.errorClass == .retryable:
                    let busy = "\(self.adapter.displayName) is busy: \(refusal.said); sent again next run"
                    return self.outcome(change, failure: ItemFailure(busy, references: conversation.references))
                case .refused(let refusal):
                    answer = .refused(refusal)
                }
            case .download(let url):
                do {
                    answer = .image(try await self.images.image(at: url))
                } catch {
                    return self.outcome(
                        change,
                        failure: ItemFailure(error.message, references: conversation.references)
                    )
                }
            case .wait(let duration):
                self.logger.debug(
                    "waiting",
                    metadata: [
                        "marketplace.id": "\(marketplace)", "item.code": "\(change.code)", "wait": "\(duration)",
                    ]
                )
                try await self.pause(duration)
                answer = .waited
            case .succeeded(let references, let message):
                return ItemOutcome(
                    code: change.code,
                    action: change.action,
                    succeeded: true,
                    remoteID: references?.ledgerText,
                    message: message
                )
            case .failed(let failure):
                return self.outcome(change, failure: failure)
            case .stop(let error):
                throw error
            }
        }
    }

    /// Sends `call`; when the marketplace refuses the access token it carried as expired and the token can be
    /// renewed, renews it (the account is replaced for every later call) and sends the call once more.
    private func sendRenewing(_ call: MarketplaceCall) async throws -> HTTPResponse {
        let (settings, account) = self.current.both
        let response = try await self.send(call, account: account)
        guard let renewal = self.renewal, let authorization = self.adapter.shopAuthorization,
            case .refused(let refusal) = self.adapter.answer(to: response), authorization.isExpiredAccessToken(refusal)
        else { return response }
        let renewed = try await renewal(settings, settings.value("access_token") ?? "")
        let renewedAccount = try self.adapter.account(try self.adapter.account(renewed), discovered: self.discoveries)
        self.current.replace(settings: renewed, account: renewedAccount)
        self.logger.info(
            "access token renewed after the marketplace refused it",
            metadata: ["marketplace.id": "\(self.adapter.marketplace)", "said": "\(refusal.said)"]
        )
        return try await self.send(call, account: renewedAccount)
    }

    /// Sends `call` with `account`: built once here so a call the adapter cannot sign stops the run, then
    /// signed again for every attempt, so a retry carries its own timestamp and signature.
    private func send(_ call: MarketplaceCall, account: Adapter.Account) async throws -> HTTPResponse {
        let (adapter, now) = (self.adapter, self.now)
        @Sendable func request() throws(PublishingError) -> HTTPRequest {
            var request = try adapter.request(for: call, account: account, now: now())
            request.isIdempotent = call.isIdempotent
            return request
        }
        let built = try request()
        return try await self.client.send(signingEachAttempt: { (try? request()) ?? built })
    }

    /// Why an image of `change`'s listing is not one the marketplace takes (`ImageLimits`), read from each
    /// image's first bytes before any call for the product; `nil` when all are, or nothing is sent.
    private func imageProblem(_ change: PlannedChange) async -> String? {
        guard let limits = self.adapter.imageLimits, change.action != .delete, let listing = change.listing else {
            return nil
        }
        let addresses = listing.values(limits.attribute)
        let name = self.adapter.displayName
        if let most = limits.maximumCount, addresses.count > most {
            return "\(addresses.count) images; \(name) takes at most \(most) a product"
        }
        for address in addresses {
            do {
                let (header, bytes) = try await self.images.header(at: address)
                if let problem = limits.problem(header, bytes: bytes, address: address, marketplace: name) {
                    return problem
                }
            } catch {
                return error.message
            }
        }
        return nil
    }

    /// The runner with its account completed by the adapter's discovery calls, made once before the first
    /// item. A refusal stops the run: no item can be sent without what they find out.
    func discovered() async throws -> Self {
        let calls = self.adapter.discoveryCalls(for: self.account)
        guard !calls.isEmpty else { return self }
        let marketplace = self.adapter.marketplace.rawValue
        var answers: [JSONValue] = []
        for call in calls {
            let response: HTTPResponse
            do {
                response = try await self.sendRenewing(call)
            } catch let error as TransportError {
                throw PublishingError(.unreachable, "\(marketplace): \(error.message)", underlying: error)
            }
            switch self.adapter.answer(to: response) {
            case .data(let data):
                answers.append(data)
            case .refused(let refusal):
                let code: PublishingError.Code = refusal.errorClass == .retryable ? .unreachable : .account
                throw PublishingError(code, "\(marketplace): \(call.method) \(call.path): \(refusal.said)")
            }
        }
        var runner = self
        runner.discoveries = answers
        runner.current.replace(
            settings: self.current.settings,
            account: try self.adapter.account(self.account, discovered: answers)
        )
        self.logger.debug("account completed by discovery", metadata: ["marketplace.id": "\(marketplace)"])
        return runner
    }

    private func outcome(_ change: PlannedChange, failure: ItemFailure) -> ItemOutcome {
        ItemOutcome(
            code: change.code,
            action: change.action,
            succeeded: false,
            remoteID: failure.references?.ledgerText,
            message: failure.message
        )
    }
}

/// The account a runner and its copies send with, replaced in one step when a token is renewed mid-run.
private final class CurrentAccount<Account: Sendable>: Sendable {
    private let state: Mutex<(settings: MarketplaceAccount, account: Account)>

    init(settings: MarketplaceAccount, account: Account) {
        self.state = Mutex((settings, account))
    }

    var settings: MarketplaceAccount { self.state.withLock { $0.settings } }
    var account: Account { self.state.withLock { $0.account } }
    /// Both, read together.
    var both: (settings: MarketplaceAccount, account: Account) { self.state.withLock { $0 } }

    func replace(settings: MarketplaceAccount, account: Account) {
        self.state.withLock { $0 = (settings, account) }
    }
}
