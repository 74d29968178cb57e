public import Groundwork

/// The marketplaces' API contracts the simulators judge requests by (each written beside its adapter, from
/// the marketplace's own reference), given to the sandbox by whoever starts it.
public struct SandboxContracts: Sendable {
    /// The marketplaces whose simulator judges by a contract.
    public static let judged = [
        "google-merchant", "lazada", "meta-catalog", "shopee", "tiki", "tiktok-shop", "woocommerce",
    ]

    private let byMarketplace: [String: APIContract]

    /// The contracts by marketplace id; every marketplace in `judged` needs one.
    public init(_ contracts: [String: APIContract]) throws(ContractError) {
        for marketplace in Self.judged where contracts[marketplace] == nil {
            throw ContractError("the sandbox has no API contract for \(marketplace)")
        }
        self.byMarketplace = contracts
    }

    /// The contract of `marketplace` (one of `judged`).
    subscript(_ marketplace: String) -> APIContract {
        guard let contract = self.byMarketplace[marketplace] else {
            preconditionFailure("\(marketplace) is not among SandboxContracts.judged")
        }
        return contract
    }
}
