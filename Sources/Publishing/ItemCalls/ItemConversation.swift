public import Groundwork
import OCOPCatalog

/// What a multi-call marketplace wants next for one product.
public enum ItemStep: Hashable, Sendable {
    /// Make this call; its answer comes back as `.data`, `.refused` or `.lost`.
    case call(MarketplaceCall)
    /// Fetch the catalogue image at this URL (for a marketplace that takes files); it comes back as `.image`.
    case download(String)
    /// Wait this long before going on (a request the marketplace is still reviewing); comes back as `.waited`.
    case wait(Duration)
    /// The product is done: what the marketplace holds of it now (`nil` once it is gone), and a note for
    /// the run record.
    case succeeded(RemoteReferences?, message: String? = nil)
    /// The product failed for this run, with the marketplace's reason and what it already holds of it.
    case failed(ItemFailure)
    /// Nothing can succeed until the account is fixed (a setting this product needs is missing): the run stops.
    case stop(PublishingError)
}

/// The answer to the last step.
public enum StepAnswer: Hashable, Sendable {
    /// The call succeeded: the data of the marketplace's answer.
    case data(JSONValue)
    /// The marketplace refused the call for this item (its own message and code).
    case refused(MarketplaceRefusal)
    /// A call that is not idempotent may have reached the marketplace, but no answer came.
    case lost(String)
    /// The image asked for.
    case image(DownloadedImage)
    /// The wait is over.
    case waited
}

/// One product's way through a multi-call marketplace, as a value: given what is known of the product on
/// that marketplace and the answer to the last step, the next step. It never sends anything itself, so it is
/// tested without a server.
public protocol ItemConversation: Sendable {
    /// What the marketplace holds of the product so far, kept in the ledger when the core fails the item
    /// (a busy marketplace, an image that cannot be had).
    var references: RemoteReferences? { get }

    /// The next step after `answer` (`nil` to start).
    mutating func next(after answer: StepAnswer?) -> ItemStep
}

/// The waits between checks of something a marketplace finishes later (a batch ingested, a request
/// reviewed): 1 second, then doubling up to 10.
public struct PollingBackoff: Hashable, Sendable {
    private var upcoming = Duration.seconds(1)

    /// Starts at one second.
    public init() {}

    /// The next wait.
    public mutating func next() -> Duration {
        defer { self.upcoming = min(self.upcoming * 2, .seconds(10)) }
        return self.upcoming
    }
}
