import FeedKit
import Foundation
public import Groundwork
import OCOPCatalog
public import Publishing
public import Transport

/// `POST /products/batch`: up to 100 objects a call over create, update and delete together, each
/// answered in place (`{id, error: {code, message}}` when refused). Over HTTPS the keys go as Basic
/// authentication; over plain HTTP (a local store, the sandbox) as an OAuth 1.0a HMAC-SHA256 signature.
extension WooCommerceAdapter: BatchRequestAdapter {
    public var style: PublishingStyle { .batches(self) }

    /// `Contract/woocommerce-products-v3.json`, written from WooCommerce's REST v3 product controller (its
    /// sources inside).
    public func apiContract() throws(ContractError) -> APIContract? {
        try APIContract(named: "woocommerce-products-v3", in: .module)
    }

    public var batchSize: Int { 100 }

    /// How a batch splits into WooCommerce's three lists; the same split reads the answer back.
    private struct Split {
        var create: [Int] = []
        var update: [Int] = []
        var delete: [Int] = []

        init(_ batch: [PlannedChange]) {
            for (index, change) in batch.enumerated() {
                switch change.action {
                case .delete: self.delete.append(index)
                case .create: self.create.append(index)
                case .update, .refresh:
                    if change.remoteID.flatMap(Int.init) != nil {
                        self.update.append(index)
                    } else {
                        self.create.append(index)  // the store's id was never learned: create it again
                    }
                }
            }
        }
    }

    public func account(_ settings: MarketplaceAccount) throws(PublishingError) -> WooCommerceAccount {
        try WooCommerceAccount(settings)
    }

    public func request(
        for batch: [PlannedChange],
        account: WooCommerceAccount,
        context run: BatchRequestContext
    ) throws(PublishingError) -> HTTPRequest {
        let split = Split(batch)
        let context = run.listing
        func object(_ index: Int) -> JSONValue {
            let change = batch[index]
            return self.json(for: change.listing ?? Listing(id: change.code), context: context)
        }
        let updates = split.update.map { index -> JSONValue in
            guard case .object(let members) = object(index) else { return object(index) }
            return .object([("id", .number(batch[index].remoteID ?? "0"))] + members)
        }
        let body = JSONValue.object([
            ("create", .array(split.create.map(object))), ("update", .array(updates)),
            ("delete", .array(split.delete.compactMap { batch[$0].remoteID.map { JSONValue.number($0) } })),
        ])
        let (key, secret) = (account.consumerKey, account.consumerSecret)
        var url = account.endpoint.appending(path: "products/batch")
        var headers = [("Content-Type", "application/json")]
        if url.scheme == "https" {
            headers.append(("Authorization", "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()))
        } else {
            let oauth = OAuth1Signature.parameters(
                method: "POST",
                url: url,
                consumerKey: key,
                consumerSecret: secret,
                timestamp: Int(run.now.timeIntervalSince1970),
                nonce: run.nonce
            )
            // Encoded as they were signed (RFC 3986): a base64 signature's `+` left bare reads as a space.
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            components?.percentEncodedQuery = oauth.map {
                OAuth1Signature.encode($0.name) + "=" + OAuth1Signature.encode($0.value)
            }.joined(separator: "&")
            url = components?.url ?? url
        }
        return HTTPRequest(method: "POST", url: url, headers: headers, body: Data(body.serialized.utf8))
    }

    /// WordPress's 401 (`woocommerce_rest_authentication_error`: a wrong key, secret or signature) and 403
    /// `woocommerce_rest_cannot_batch` (a key without write access).
    public func refusedCredentials(_ response: HTTPResponse) -> String? {
        let answer = try? JSONValue.parse(response.body)
        let code = answer?["code"]?.text ?? ""
        guard response.status == 401 || code == "woocommerce_rest_cannot_batch" else { return nil }
        return
            "\(answer?["message"]?.text ?? "HTTP \(response.status)") (\(code.isEmpty ? "HTTP \(response.status)" : code)); "
            + "check marketplaces.woocommerce.consumer_key and consumer_secret"
    }

    public func outcomes(of batch: [PlannedChange], response: HTTPResponse) -> [ItemOutcome] {
        let answer = try? JSONValue.parse(response.body)
        guard (200..<300).contains(response.status) else {
            let message = answer?["message"]?.text ?? "HTTP \(response.status)"
            let code = answer?["code"]?.text.map { " (\($0))" } ?? ""
            return batch.map {
                ItemOutcome(code: $0.code, action: $0.action, succeeded: false, message: message + code)
            }
        }
        let split = Split(batch)
        var outcomes: [Int: ItemOutcome] = [:]
        for (list, indices) in [("create", split.create), ("update", split.update), ("delete", split.delete)] {
            let answers: [JSONValue] = if case .array(let items)? = answer?[list] { items } else { [] }
            let sent = list == "delete" ? indices.filter { batch[$0].remoteID != nil } : indices
            for (position, index) in sent.enumerated() {
                let change = batch[index]
                guard position < answers.count else {
                    outcomes[index] = ItemOutcome(
                        code: change.code,
                        action: change.action,
                        succeeded: false,
                        message: "unexpected answer from WooCommerce: no entry for this item; sent again next run"
                    )
                    continue
                }
                let item = answers[position]
                if item["error"] == nil, (item["id"]?.text ?? "").isEmpty || item["id"]?.text == "0" {
                    // A saved product comes back whole, with its id; an entry without one is not WooCommerce's.
                    outcomes[index] = ItemOutcome(
                        code: change.code,
                        action: change.action,
                        succeeded: false,
                        message:
                            "unexpected answer from WooCommerce: an entry without the product's id; sent again next run"
                    )
                } else if let error = item["error"] {
                    let message = "\(error["message"]?.text ?? "refused") (\(error["code"]?.text ?? "error"))"
                    outcomes[index] = ItemOutcome(
                        code: change.code,
                        action: change.action,
                        succeeded: false,
                        message: message
                    )
                } else {
                    outcomes[index] = ItemOutcome(
                        code: change.code,
                        action: change.action,
                        succeeded: true,
                        remoteID: item["id"]?.text ?? change.remoteID
                    )
                }
            }
        }
        // A delete of an item whose store id was never learned has nothing to remove.
        return batch.indices.map { index in
            outcomes[index] ?? ItemOutcome(code: batch[index].code, action: batch[index].action, succeeded: true)
        }
    }
}
