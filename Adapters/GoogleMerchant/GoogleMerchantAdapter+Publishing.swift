import FeedKit
public import Foundation
import OCOPCatalog
public import Publishing
public import Transport

/// Merchant API products v1: `productInputs:insert` and `productInputs.delete`, one call per product
/// (the multipart batch endpoint is not used yet), authorised by a service-account token.
extension GoogleMerchantAdapter: MarketplaceAdapter, MarketplaceAuthenticator {
    public var batchSize: Int { 1 }

    public func authorize(_ account: MarketplaceAccount, client: any HTTPClient, now: Date)
        async throws(PublishingError)
        -> MarketplaceAccount
    {
        if account.value("access_token") != nil { return account }  // given directly (tests, short scripts)
        let key = try ServiceAccountToken.Key(file: try account.require("credentials_file"))
        let endpoint = account.value("token_endpoint") ?? key.tokenURI ?? ServiceAccountToken.defaultTokenEndpoint
        guard let url = URL(string: endpoint) else {
            throw PublishingError(.account, "marketplaces.google-merchant.token_endpoint is not a URL")
        }
        let assertion = try ServiceAccountToken.assertion(key: key, audience: endpoint, now: now)
        let form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)"
        let response: HTTPResponse
        do {
            response = try await client.send(
                HTTPRequest(
                    method: "POST",
                    url: url,
                    headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: Data(form.utf8)
                )
            )
        } catch {
            throw PublishingError(
                .unreachable,
                "google-merchant: the token endpoint could not be reached: \(error.message)"
            )
        }
        guard response.status == 200, let token = (try? JSONValue.parse(response.body))?["access_token"]?.text else {
            let reason = (try? JSONValue.parse(response.body))?["error_description"]?.text ?? "HTTP \(response.status)"
            throw PublishingError(.account, "google-merchant: the service account was refused: \(reason)")
        }
        return account.setting("access_token", to: token)
    }

    public func request(for batch: [PlannedChange], account: MarketplaceAccount) throws(PublishingError) -> HTTPRequest
    {
        guard let change = batch.first else {
            throw PublishingError(.account, "google-merchant: an empty batch")
        }
        let merchant = try account.require("account")
        let dataSource = "accounts/\(merchant)/dataSources/\(try account.require("data_source"))"
        let language = account.value("content_language") ?? "vi"
        let feedLabel = account.value("feed_label") ?? "VN"
        let base = try account.endpoint().appending(path: "products/v1/accounts/\(merchant)/productInputs")
        let headers = [
            ("Authorization", "Bearer \(try account.require("access_token"))"), ("Content-Type", "application/json"),
        ]
        let query = [URLQueryItem(name: "dataSource", value: dataSource)]
        switch change.action {
        case .delete:
            let name = "\(language)~\(feedLabel)~\(change.code)"
            return HTTPRequest(
                method: "DELETE",
                url: base.appending(path: name).appending(queryItems: query),
                headers: headers
            )
        case .create, .update, .refresh:
            let listing = change.listing ?? Listing(id: change.code)
            let context = ListingContext(
                baseURL: "",
                country: feedLabel,
                language: language,
                today: CalendarDate(Date())
            )
            let body = self.json(for: listing, context: context)
            let insert = URL(string: base.absoluteString + ":insert")!.appending(queryItems: query)
            return HTTPRequest(method: "POST", url: insert, headers: headers, body: Data(body.serialized.utf8))
        }
    }

    public func outcomes(of batch: [PlannedChange], response: HTTPResponse) -> [ItemOutcome] {
        let answer = try? JSONValue.parse(response.body)
        return batch.map { change in
            if (200..<300).contains(response.status) || (change.action == .delete && response.status == 404) {
                return ItemOutcome(
                    code: change.code,
                    action: change.action,
                    succeeded: true,
                    remoteID: answer?["name"]?.text
                )
            }
            // AIP-193: the message, and metadata.REASON when Google gives one.
            let error = answer?["error"]
            var message = error?["message"]?.text ?? "HTTP \(response.status)"
            if case .array(let details)? = error?["details"],
                let reason = details.lazy.compactMap({ $0["metadata"]?["REASON"]?.text ?? $0["reason"]?.text }).first
            {
                message += " (\(reason))"
            }
            return ItemOutcome(code: change.code, action: change.action, succeeded: false, message: message)
        }
    }
}
