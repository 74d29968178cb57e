import FeedKit
import Foundation
import OCOPCatalog
public import Publishing
public import Transport

/// A new product is a request Tiki reviews: `POST /v1/requests` gives a track id, followed with
/// `GET /v1/tracking/{id}` (at once, then after 1, 2, 4… seconds) until it is approved or rejected. A request
/// still under review when the checks run out fails for this run, its track id kept, and the next run
/// follows the same request rather than sending another. A product Tiki has gets its price, stock and
/// active flag through `POST /v1/products/updateSku` (Tiki lets sellers change nothing else through its
/// API); a withdrawn one is deactivated.
extension TikiAdapter: ItemCallsAdapter {
    /// Items recorded per ledger transaction.
    public var batchSize: Int { 20 }

    /// 100 requests a second per seller (Tiki's maintainers, 2020).
    public var documentedRateLimit: Double? { 100 }

    public func publish(_ change: PlannedChange, account: MarketplaceAccount, client: any HTTPClient)
        async throws(PublishingError) -> ItemOutcome
    {
        let api = try TikiAPI(account: account, client: client)
        let known = RemoteReferences(ledgerText: change.remoteID)
        var outcome = try await self.outcome(of: change) {
            var references = known
            if change.action == .delete {
                guard references.item != nil else { return nil }
                _ = try await api.call(
                    "POST",
                    "v1/products/updateSku",
                    body: .object([("original_sku", .string(change.code)), ("active", .number("0"))]),
                    references: references
                )
                return nil
            }
            guard let listing = change.listing else { throw ItemFailure("no listing to send") }
            if references.item != nil {
                var body: [(String, JSONValue)] = [("original_sku", .string(change.code))]
                if let price = listing.value("price") { body.append(("price", .number(price))) }
                if let quantity = listing.value("quantity") { body.append(("quantity", .number(quantity))) }
                body.append(("active", .number("1")))
                _ = try await api.call("POST", "v1/products/updateSku", body: .object(body), references: references)
                return references
            }
            if references.request == nil {
                let answer = try await api.call(
                    "POST",
                    "v1/requests",
                    body: self.json(for: listing, context: ListingContext(baseURL: "", today: CalendarDate(Date()))),
                    references: references
                )
                guard let track = answer["track_id"]?.text else {
                    throw ItemFailure("Tiki's answer to the product request has no track_id", references: references)
                }
                references.request = track
            }
            return try await self.follow(references, api: api)
        }
        if change.action != .delete, outcome.succeeded, known.item != nil {
            outcome.message = "price and stock updated; Tiki keeps the name, description and attributes it approved"
        }
        return outcome
    }

    /// Checks request `references.request` until Tiki decides; the references with the product's id.
    private func follow(_ references: RemoteReferences, api: TikiAPI) async throws -> RemoteReferences {
        var references = references
        guard let track = references.request else { return references }
        var wait = Duration.seconds(1)
        var state = "queuing"
        for check in 0..<self.trackingChecks {
            if check > 0 {
                try await self.pause(wait)
                wait = min(wait * 2, .seconds(10))
            }
            let answer = try await api.call("GET", "v1/tracking/\(track)", references: references)
            state = answer["state"]?.text ?? "unknown"
            switch state {
            case "approved":
                references.item = answer["product_id"]?.text ?? answer["original_sku"]?.text ?? track
                references.request = nil
                return references
            case "rejected", "deleted":
                let reason = answer["reason"]?.text ?? "no reason given"
                references.request = nil  // the next run sends a new request
                throw ItemFailure("Tiki \(state) product request \(track): \(reason)", references: references)
            default:
                continue  // queuing, processing, drafted, bot_/md_awaiting_approve
            }
        }
        throw ItemFailure(
            "Tiki is still reviewing product request \(track) (\(state)); the next run checks it again",
            references: references
        )
    }
}
