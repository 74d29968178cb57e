import FeedKit
import Foundation
public import Groundwork
import OCOPCatalog
public import Publishing
public import Transport

/// Graph API `items_batch`: one call carries up to `batchSize` CREATE/UPDATE/DELETE requests. The access token goes in the Authorization
/// header, never in the URL.
extension MetaCatalogAdapter: BatchRequestAdapter {
    /// `Contract/meta-items-batch.json`, written from Meta's references (its sources inside).
    public func apiContract() throws(ContractError) -> APIContract? {
        try APIContract(named: "meta-items-batch", in: .module)
    }

    public var style: PublishingStyle { .batches(self) }

    public func account(_ settings: MarketplaceAccount) throws(PublishingError) -> MetaCatalogAccount {
        try MetaCatalogAccount(settings)
    }

    public func request(
        for batch: [PlannedChange],
        account: MetaCatalogAccount,
        context: BatchRequestContext
    ) throws(PublishingError) -> HTTPRequest {
        let (catalog, token) = (account.catalogID, account.accessToken)
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
            url: account.endpoint.appending(path: "\(catalog)/items_batch"),
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
            body: Data(body.serialized.utf8)
        )
    }

    /// Graph's OAuth errors: 190 (invalid or expired token), 102 (session), and any 401.
    public func refusedCredentials(_ response: HTTPResponse) -> String? {
        let error = (try? JSONValue.parse(response.body))?["error"]
        let code = error?["code"]?.text ?? ""
        guard response.status == 401 || ["190", "102"].contains(code) else { return nil }
        return "\(error?["message"]?.text ?? "HTTP \(response.status)") (code \(code.isEmpty ? "?" : code)); "
            + "check marketplaces.meta-catalog.access_token"
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
        // items_batch answers its handles (one, or none when it ingested nothing) and the items it refused at
        // once; an answer without them is not Meta's, and nothing in the batch may count as published.
        guard case .array(let handles)? = answer?["handles"] else {
            let said =
                "unexpected answer from Meta: HTTP \(response.status) without the batch's handles; sent again next run"
            return batch.map { ItemOutcome(code: $0.code, action: $0.action, succeeded: false, message: said) }
        }
        var refused: [String: String] = [:]
        if handles.isEmpty {
            for change in batch {
                refused[change.code] = "Meta ingested nothing of this batch (no handle); sent again next run"
            }
        }
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

/// `items_batch` is ingested after it answers: its handle is checked with `check_batch_request_status`,
/// and the requests it lists as invalid fail with Meta's message.
extension MetaCatalogAdapter {
    public func statusRequest(after response: HTTPResponse, account: MetaCatalogAccount) -> HTTPRequest? {
        guard (200..<300).contains(response.status),
            case .array(let handles)? = (try? JSONValue.parse(response.body))?["handles"],
            let handle = handles.first?.text
        else { return nil }
        let url = account.endpoint.appending(path: "\(account.catalogID)/check_batch_request_status").appending(
            queryItems: [
                URLQueryItem(name: "handle", value: handle),
                URLQueryItem(name: "load_ids_of_invalid_requests", value: "true"),
            ]
        )
        return HTTPRequest(url: url, headers: [("Authorization", "Bearer \(account.accessToken)")])
    }

    public func outcomes(of batch: [PlannedChange], response: HTTPResponse, status: HTTPResponse) -> [ItemOutcome]? {
        guard (200..<300).contains(status.status), let answer = try? JSONValue.parse(status.body) else { return nil }
        // The status comes as `{"data": [{…}]}` or bare.
        let entry: JSONValue? =
            if case .array(let entries)? = answer["data"] { entries.first } else { answer }
        guard let entry, entry["status"]?.text == "finished" else { return nil }
        var invalid: [String: String] = [:]
        if case .array(let ids)? = entry["ids_of_invalid_requests"] {
            for id in ids.compactMap(\.text) { invalid[id] = "rejected while Meta processed the batch" }
        }
        if case .array(let errors)? = entry["errors"] {
            for error in errors {
                guard let id = error["id"]?.text ?? error["retailer_id"]?.text, let message = error["message"]?.text
                else { continue }
                invalid[id] = message
            }
        }
        return self.outcomes(of: batch, response: response).map { outcome in
            guard outcome.succeeded, let message = invalid[outcome.code] else { return outcome }
            return ItemOutcome(code: outcome.code, action: outcome.action, succeeded: false, message: message)
        }
    }
}
