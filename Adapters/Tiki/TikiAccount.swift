import Foundation
import Groundwork
import Publishing

/// What publishing to Tiki needs of `marketplaces.tiki`: the Open API endpoint, the seller's OAuth2 bearer
/// token, and the supplier (Tiki's id for who ships the goods) every variant names. Left out, the supplier
/// is asked of Tiki (`GET /v1/suppliers`) once per run.
public struct TikiAccount: Sendable {
    let endpoint: URL
    let accessToken: String
    var supplier: Int64?

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        self.endpoint = try settings.endpoint()
        self.accessToken = try settings.require("access_token")
        if let supplier = settings.value("supplier") {
            guard let id = Int64(supplier), id > 0 else {
                throw PublishingError(
                    .account,
                    "tiki: supplier must be Tiki's supplier id (a number), not \"\(supplier)\""
                )
            }
            self.supplier = id
        }
    }

    /// The account with the supplier from Tiki's list of this seller's suppliers (`GET /v1/suppliers`): the
    /// only one, or an error naming them all when there are several to choose from.
    func completed(suppliers answer: JSONValue) throws(PublishingError) -> TikiAccount {
        let suppliers = answer.elements.compactMap { supplier -> (id: Int64, name: String)? in
            guard let id = supplier["id"]?.text.flatMap(Int64.init) else { return nil }
            return (id, supplier["name"]?.text ?? "")
        }
        switch suppliers.count {
        case 1:
            var account = self
            account.supplier = suppliers[0].id
            return account
        case 0:
            throw PublishingError(
                .account,
                "tiki: Tiki lists no supplier for this seller (GET /v1/suppliers); ask Tiki's seller support for "
                    + "your supplier id and set supplier: under marketplaces.tiki in ocop.yaml"
            )
        default:
            let names = suppliers.map { "\($0.id) \($0.name)" }.joined(separator: ", ")
            throw PublishingError(
                .account,
                "tiki: this seller has \(suppliers.count) suppliers (\(names)); set supplier: under "
                    + "marketplaces.tiki in ocop.yaml to the one that ships your goods"
            )
        }
    }
}
