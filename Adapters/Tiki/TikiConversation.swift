import FeedKit
import Groundwork
import OCOPCatalog
public import Publishing

/// One product's calls to Tiki. A new product is a request Tiki reviews: `POST /v1/requests` gives a track
/// id, followed with `GET /v1/tracking/{id}` (at once, then after 1, 2, 4… seconds) until it is approved or
/// rejected. A request still under review when the checks run out fails for this run, its track id kept, and
/// the next run follows the same request rather than sending another. A product Tiki has gets its price,
/// stock and active flag through `POST /v1/products/updateSku` (Tiki lets sellers change nothing else through
/// its API); a withdrawn one is deactivated.
public struct TikiConversation: ItemConversation {
    private enum Phase: Hashable, Sendable {
        case start, deactivating, updating, requesting, tracking
    }

    private let change: PlannedChange
    private let productRequest: JSONValue?
    private let checks: Int
    private var phase = Phase.start
    private var checked = 0
    private var state = "queuing"
    private var backoff = PollingBackoff()
    public private(set) var references: RemoteReferences?

    /// The conversation for `change`, whose listing's product request is `productRequest`, checking a
    /// request under review at most `checks` times.
    init(_ change: PlannedChange, productRequest: JSONValue?, checks: Int) {
        self.change = change
        self.productRequest = productRequest
        self.checks = checks
        self.references = RemoteReferences(ledgerText: change.remoteID)
    }

    public mutating func next(after answer: StepAnswer?) -> ItemStep {
        var references = self.references ?? RemoteReferences()
        switch (self.phase, answer) {
        case (_, .refused(let refusal)?):
            return .failed(refusal.failure(references: self.references))
        case (.start, _) where self.change.action == .delete:
            // Never created: nothing to remove.
            guard references.item != nil else { return .succeeded(nil) }
            self.phase = .deactivating
            return .call(
                MarketplaceCall(
                    "POST",
                    "/v1/products/updateSku",
                    body: .json(.object([("original_sku", .string(self.change.code)), ("active", .number("0"))]))
                )
            )
        case (.deactivating, .data?):
            return .succeeded(nil)
        case (.start, _):
            guard let listing = self.change.listing, let productRequest = self.productRequest else {
                return .failed(ItemFailure("no listing to send"))
            }
            if references.item != nil {
                self.phase = .updating
                var body: [(String, JSONValue)] = [("original_sku", .string(self.change.code))]
                if let price = listing.value("price") { body.append(("price", .number(price))) }
                if let quantity = listing.value("quantity") { body.append(("quantity", .number(quantity))) }
                body.append(("active", .number("1")))
                return .call(MarketplaceCall("POST", "/v1/products/updateSku", body: .json(.object(body))))
            }
            if references.request != nil { return self.track() }
            self.phase = .requesting
            return .call(MarketplaceCall("POST", "/v1/requests", body: .json(productRequest)))
        case (.updating, .data?):
            return .succeeded(
                self.references,
                message: "price and stock updated; Tiki keeps the name, description and attributes it approved"
            )
        case (.requesting, .data(let answer)?):
            guard let track = answer["track_id"]?.text else {
                return .failed(
                    ItemFailure("Tiki's answer to the product request has no track_id", references: self.references)
                )
            }
            references.request = track
            self.references = references
            return self.track()
        case (.tracking, .waited?):
            return self.track()
        case (.tracking, .data(let answer)?):
            return self.tracked(answer, references: references)
        default:
            return .failed(ItemFailure("Tiki: a step out of order", references: self.references))
        }
    }

    /// The next check of the request under review.
    private mutating func track() -> ItemStep {
        self.phase = .tracking
        self.checked += 1
        return .call(MarketplaceCall("GET", "/v1/tracking/\(self.references?.request ?? "")"))
    }

    /// What Tiki's decision (or its lack) on the request means.
    private mutating func tracked(_ answer: JSONValue, references: RemoteReferences) -> ItemStep {
        var references = references
        let track = references.request ?? ""
        self.state = answer["state"]?.text ?? "unknown"
        switch self.state {
        case "approved":
            references.item = answer["product_id"]?.text ?? answer["original_sku"]?.text ?? track
            references.request = nil
            return .succeeded(references)
        case "rejected", "deleted":
            let reason = answer["reason"]?.text ?? "no reason given"
            references.request = nil  // the next run sends a new request
            return .failed(
                ItemFailure("Tiki \(self.state) product request \(track): \(reason)", references: references)
            )
        default:  // queuing, processing, drafted, bot_/md_awaiting_approve
            guard self.checked < self.checks else {
                return .failed(
                    ItemFailure(
                        "Tiki is still reviewing product request \(track) (\(self.state)); the next run checks it again",
                        references: references
                    )
                )
            }
            return .wait(self.backoff.next())
        }
    }
}
