import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Transport

/// A marketplace that exists only in these tests: its listing is the product's code, name and price; it takes
/// a batch as one JSON request and answers every change with success unless told otherwise. It names no real
/// marketplace, so the core is tested on its own.
struct TestMarketplace: BatchRequestAdapter {
    let marketplace = MarketplaceID("test-market")!
    let formats: [FeedFormat] = [.json]
    let delivery = "a test double"
    let xmlDialect: RSSDialect? = nil
    let xmlSchema: URL? = nil
    let batchSize = 10
    var style: PublishingStyle { .batches(self) }

    func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing {
        var listing = Listing(id: product.code.rawValue)
        listing.add("title", product.name)
        listing.add("price", String(product.price.amount))
        listing.add("detail", group: [.text("name", "star"), .text("value", "\(product.certificate.star)")])
        return listing
    }

    func json(for listing: Listing, context: ListingContext) -> JSONValue {
        .object([("id", .string(listing.id)), ("attributes", FlatJSON.encode(listing.attributes))])
    }

    func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing {
        Listing(id: value["id"]?.text ?? "")
    }

    func account(_ settings: MarketplaceAccount) throws(PublishingError) -> URL {
        try settings.endpoint()
    }

    func request(for batch: [PlannedChange], account endpoint: URL, context: BatchRequestContext)
        throws(PublishingError) -> HTTPRequest
    {
        let items = batch.map { change in
            JSONValue.object([
                ("code", .string(change.code)), ("action", .string(change.action.rawValue)),
                ("title", change.listing?.value("title").map(JSONValue.string) ?? .null),
            ])
        }
        return HTTPRequest(
            method: "POST",
            url: endpoint.appending(path: "batch"),
            body: Data(JSONValue.array(items).serialized.utf8)
        )
    }

    func outcomes(of batch: [PlannedChange], response: HTTPResponse) -> [ItemOutcome] {
        batch.map { change in
            ItemOutcome(
                code: change.code,
                action: change.action,
                succeeded: response.status == 200,
                remoteID: change.code
            )
        }
    }
}

/// What the test marketplace was sent: each batch's items as `action code title`.
actor RecordingMarketplace: HTTPClient {
    private(set) var batches: [[String]] = []

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let items = (try? JSONValue.parse(request.body))?.elements ?? []
        self.batches.append(
            items.map { "\($0["action"]?.text ?? "") \($0["code"]?.text ?? "") \($0["title"]?.text ?? "-")" }
        )
        return HTTPResponse(status: 200)
    }
}
