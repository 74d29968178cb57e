import FeedKit
import Foundation
import OCOPCatalog
public import Publishing
public import Transport

/// Graph API `items_batch`: one call carries up to `batchSize` CREATE/UPDATE/DELETE requests. The access token goes in the Authorization
/// header, never in the URL.
extension MetaCatalogAdapter: MarketplaceAdapter {
    public func request(for batch: [PlannedChange], account: MarketplaceAccount) throws(PublishingError) -> HTTPRequest
    {
        let catalog = try account.require("catalog_id")
        let token = try account.require("access_token")
        let requests = batch.map { change -> JSONValue in
            switch change.action {
            case .delete:
                return .object([("method", .string("DELETE")), ("data", .object([("id", .string(change.code))]))])
            case .create, .update, .refresh:
                let attributes = change.listing?.attributes ?? []
                return .object([
                    ("method", .string(change.action == .create ? "CREATE" : "UPDATE")),
                    ("data", FlatJSON.encode(attributes)),
                ])
            }
        }
        let body = JSONValue.object([
            ("item_type", .string("PRODUCT_ITEM")), ("allow_upsert", .bool(true)), ("requests", .array(requests)),
        ])
        return HTTPRequest(
            method: "POST",
            url: try account.endpoint().appending(path: "\(catalog)/items_batch"),
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
            body: Data(body.serialized.utf8)
        )
    }

    public func outcomes(of batch: [PlannedChange], response: HTTPResponse) -> [ItemOutcome] {
        let answer = try? JSONValue.parse(response.body)
        guard (200..<300).contains(response.status) else {
            let message = answer?["error"]?["message"]?.text ?? "HTTP \(response.status)"
            let code = answer?["error"]?["code"]?.text.map { " (code \($0))" } ?? ""
            return batch.map {
                ItemOutcome(code: $0.code, action: $0.action, succeeded: false, message: message + code)
            }
        }
        var refused: [String: String] = [:]
        if case .array(let statuses)? = answer?["validation_status"] {
            for status in statuses {
                guard let id = status["retailer_id"]?.text, case .array(let errors)? = status["errors"], !errors.isEmpty
                else { continue }
                refused[id] = errors.compactMap { $0["message"]?.text }.joined(separator: "; ")
            }
        }
        return batch.map { change in
            if let message = refused[change.code] {
                return ItemOutcome(code: change.code, action: change.action, succeeded: false, message: message)
            }
            return ItemOutcome(code: change.code, action: change.action, succeeded: true, remoteID: change.code)
        }
    }
}
