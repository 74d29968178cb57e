import Crypto

extension Product {
    /// A SHA-256 digest (lowercase hex) of everything a marketplace could see of this product.
    ///
    /// It changes exactly when such a value changes: every field of the product, its certificate and its
    /// producer, each written as a tagged, length-prefixed field in a fixed order (sets sorted, maps by key),
    /// so that re-importing the same data gives the same hash and the publisher sends nothing.
    public var contentHash: String {
        var digest = CanonicalDigest()
        digest.add("code", self.code.rawValue)
        digest.add("name", self.name)
        digest.add("description", self.description)
        digest.add("group", self.group.rawValue)
        digest.add("subgroup", self.subgroup)
        digest.add("brand", self.brand)
        digest.add("price", String(self.price.amount))
        digest.add("salePrice", self.salePrice.map { String($0.amount) })
        digest.add("stock", self.stock.map(String.init))
        digest.add("netQuantity", self.netQuantity?.description)
        digest.add("weightGrams", self.weightGrams.map(String.init))
        digest.add(
            "packageSize",
            self.packageSize.map { "\($0.lengthMillimetres)x\($0.widthMillimetres)x\($0.heightMillimetres)" }
        )
        digest.add("gtin", self.gtin?.rawValue)
        digest.add("mpn", self.mpn)
        digest.add("images", self.images)
        digest.add("link", self.link)
        digest.add("shelfLife", self.shelfLife)
        digest.add("ingredients", self.ingredients)
        digest.add("storage", self.storage)
        digest.add("marketplaces", self.marketplaces.map { $0.map(\.rawValue).sorted() })
        digest.add(
            "categoryOverrides",
            self.categoryOverrides.sorted { $0.key < $1.key }.flatMap { [$0.key.rawValue, $0.value] }
        )
        digest.add(self.certificate)
        digest.add(self.producer)
        return digest.hex
    }
}

/// Feeds fields into SHA-256 unambiguously: each is its name, a presence tag, and its length-prefixed value.
/// The bytes are gathered first and hashed in one call, which is much cheaper than one call per field.
struct CanonicalDigest {
    private var buffer: [UInt8]

    init() {
        self.buffer = []
        self.buffer.reserveCapacity(1024)  // a product's fields, most of the time, without regrowing
    }

    mutating func add(_ name: String, _ value: String?) {
        self.bytes(name)
        if let value {
            self.buffer.append(1)
            self.bytes(value)
        } else {
            self.buffer.append(0)
        }
    }

    mutating func add(_ name: String, _ values: [String]?) {
        self.add(name, values.map { String($0.count) })
        for value in values ?? [] { self.bytes(value) }
    }

    mutating func add(_ certificate: Certificate) {
        self.add("certificate.star", String(certificate.star.rawValue))
        self.add("certificate.decisionNumber", certificate.decisionNumber)
        self.add("certificate.decisionDate", certificate.decisionDate.description)
        self.add("certificate.issuedBy", certificate.issuedBy)
        self.add("certificate.expires", certificate.expires.description)
        self.add("certificate.status", certificate.status.rawValue)
    }

    mutating func add(_ producer: Producer) {
        self.add("producer.name", producer.name)
        self.add("producer.type", producer.type?.rawValue)
        self.add("producer.taxCode", producer.taxCode)
        self.add("producer.province", producer.province)
        self.add("producer.commune", producer.commune)
        self.add("producer.legacyDistrict", producer.legacyDistrict)
        self.add("producer.address", producer.address)
        self.add("producer.phone", producer.phone)
        self.add("producer.email", producer.email)
    }

    private mutating func bytes(_ text: String) {
        let length = UInt32(text.utf8.count)
        // Byte by byte: an array literal here was an allocation per field.
        self.buffer.append(UInt8(truncatingIfNeeded: length))
        self.buffer.append(UInt8(truncatingIfNeeded: length >> 8))
        self.buffer.append(UInt8(truncatingIfNeeded: length >> 16))
        self.buffer.append(UInt8(truncatingIfNeeded: length >> 24))
        // One copy of the bytes where they lie rather than through the UTF-8 view's iterator.
        if text.utf8.withContiguousStorageIfAvailable({ self.buffer.append(contentsOf: $0) }) == nil {
            self.buffer.append(contentsOf: text.utf8)
        }
    }

    var hex: String {
        let digest = SHA256.hash(data: self.buffer)
        return String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { text in
            var index = 0
            for byte in digest {
                text[index] = Self.hexDigit(byte >> 4)
                text[index + 1] = Self.hexDigit(byte & 0x0F)
                index += 2
            }
            return index
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
