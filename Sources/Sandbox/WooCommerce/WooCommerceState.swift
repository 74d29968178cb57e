import Foundation

/// What the WooCommerce simulator keeps: the store's product ids by SKU, and the OAuth nonces it has seen.
actor WooCommerceState {
    /// The WooCommerce store's products: ids by SKU and the next id, and the OAuth nonces seen.
    private var wooIDs: [String: Int] = [:]
    private var wooSKUs: [Int: String] = [:]
    private var nextWooID = 100
    private var nonces: Set<String> = []

    /// A new product id for `sku`; `nil` when the SKU is taken.
    func create(sku: String) -> Int? {
        guard self.wooIDs[sku] == nil else { return nil }
        self.nextWooID += 1
        self.wooIDs[sku] = self.nextWooID
        self.wooSKUs[self.nextWooID] = sku
        return self.nextWooID
    }

    /// The SKU of product `id`.
    func sku(id: Int) -> String? {
        self.wooSKUs[id]
    }

    /// Removes product `id`; its SKU, or `nil` when there is none.
    func delete(id: Int) -> String? {
        guard let sku = self.wooSKUs.removeValue(forKey: id) else { return nil }
        self.wooIDs[sku] = nil
        return sku
    }

    /// Whether `nonce` is new (and remembers it).
    func useNonce(_ nonce: String) -> Bool {
        self.nonces.insert(nonce).inserted
    }
}
