import Foundation

/// What the WooCommerce simulator keeps: the store's product ids by SKU, and the OAuth nonces it has seen.
actor WooCommerceState {
    /// The WooCommerce store's products: ids by SKU and the next id, and the OAuth nonces seen.
    private var wooIDs: [String: Int] = [:]
    private var wooSKUs: [Int: String] = [:]
    private var nextWooID = 100
    private var nonces: Set<String> = []

    /// A new product id, for `sku` when it has one (check `id(sku:)` first: a SKU is unique).
    func create(sku: String) -> Int {
        self.nextWooID += 1
        if !sku.isEmpty { self.wooIDs[sku] = self.nextWooID }
        self.wooSKUs[self.nextWooID] = sku
        return self.nextWooID
    }

    /// The product that has `sku`.
    func id(sku: String) -> Int? {
        self.wooIDs[sku]
    }

    /// The key the sandbox's snapshot keeps product `id` under: its SKU, or its id when it has none.
    func storeKey(id: Int) -> String? {
        self.wooSKUs[id].map { $0.isEmpty ? String(id) : $0 }
    }

    /// Removes product `id`; its SKU, or `nil` when there is no such product.
    func delete(id: Int) -> String? {
        guard let sku = self.wooSKUs.removeValue(forKey: id) else { return nil }
        if !sku.isEmpty { self.wooIDs[sku] = nil }
        return sku
    }

    /// Whether `nonce` is new (and remembers it).
    func useNonce(_ nonce: String) -> Bool {
        self.nonces.insert(nonce).inserted
    }
}
