import Crypto

extension Product {
    /// A SHA-256 digest (lowercase hex) of everything a marketplace could see of this product.
    ///
    /// It changes exactly when such a value changes: every field of the product, its certificate and its
    /// producer, each written as a tagged, length-prefixed field in a fixed order (sets sorted, maps by key),
    /// so that re-importing the same data gives the same hash and the publisher sends nothing.
    public var contentHash: String { self.canonicalDigest().hex }

    /// The fields ``contentHash`` hashes, gathered.
    func canonicalDigest() -> CanonicalDigest {
        var digest = CanonicalDigest()
        digest.add("code", self.code.rawValue)
        digest.add("name", self.name)
        digest.add("description", self.description)
        digest.add("group", self.group.rawValue)
        digest.add("subgroup", self.subgroup)
        digest.add("brand", self.brand)
        digest.add("price", number: self.price.amount)
        digest.add("salePrice", number: self.salePrice?.amount)
        digest.add("stock", number: self.stock.map(Int64.init))
        digest.add("netQuantity", self.netQuantity)
        digest.add("weightGrams", number: self.weightGrams.map(Int64.init))
        digest.add("packageSize", self.packageSize)
        digest.add("gtin", self.gtin?.rawValue)
        digest.add("mpn", self.mpn)
        digest.add("images", self.images)
        digest.add("link", self.link)
        digest.add("shelfLife", self.shelfLife)
        digest.add("ingredients", self.ingredients)
        digest.add("storage", self.storage)
        digest.add("marketplaces", self.marketplaces.map { $0.map(\.rawValue).sorted() })
        if self.categoryOverrides.isEmpty {
            digest.add("categoryOverrides", [])  // nearly every product: no sorting, no array
        } else {
            digest.add(
                "categoryOverrides",
                self.categoryOverrides.sorted { $0.key < $1.key }.flatMap { [$0.key.rawValue, $0.value] }
            )
        }
        digest.add(self.certificate)
        digest.add(self.producer)
        return digest
    }
}

/// Feeds fields into SHA-256 unambiguously: each is its name, a presence tag, and its length-prefixed value
/// (a number as its decimal digits, as `String(number)` writes it).
///
/// The bytes are gathered first, in one buffer written through a pointer, and hashed in one call: one call
/// per field, an array append per byte or a string per number each cost more than the hashing.
struct CanonicalDigest: ~Copyable {
    private var buffer: CanonicalBuffer

    init() {
        self.buffer = CanonicalBuffer(capacity: 2048)  // a product's fields, nearly always, without regrowing
    }

    mutating func add(_ name: StaticString, _ value: String?) {
        self.name(name)
        if let value {
            self.buffer.put(1)
            self.buffer.putLengthPrefixed(value)
        } else {
            self.buffer.put(0)
        }
    }

    /// The field `name` holding the decimal digits of `number` (what `String(number)` writes).
    mutating func add(_ name: StaticString, number: Int64?) {
        self.name(name)
        guard let number else { return self.buffer.put(0) }
        self.buffer.put(1)
        self.buffer.putLengthPrefixed(number)
    }

    mutating func add(_ name: StaticString, _ values: [String]?) {
        self.add(name, number: values.map { Int64($0.count) })
        for value in values ?? [] { self.buffer.putLengthPrefixed(value) }
    }

    /// The quantity as its ``NetQuantity/description`` writes it (`500 g`, `0.5 kg`).
    mutating func add(_ name: StaticString, _ quantity: NetQuantity?) {
        guard let quantity, quantity.thousandths >= 0 else { return self.add(name, quantity?.description) }
        self.name(name)
        self.buffer.put(1)
        let whole = quantity.thousandths / 1000
        var fraction = quantity.thousandths % 1000
        // `.5`, `.25`, `.125`: the thousandths without their trailing zeros.
        var decimals = 0
        if fraction != 0 {
            decimals = 3
            while fraction.isMultiple(of: 10) {
                fraction /= 10
                decimals -= 1
            }
        }
        let unit = quantity.unit.utf8.count
        let length = CanonicalBuffer.digitCount(whole) + (decimals == 0 ? 0 : 1 + decimals) + 1 + unit
        self.buffer.putLength(length)
        self.buffer.putDigits(whole)
        if decimals > 0 {
            self.buffer.put(UInt8(ascii: "."))
            self.buffer.putDigits(fraction, width: decimals)
        }
        self.buffer.put(UInt8(ascii: " "))
        self.buffer.put(quantity.unit)
    }

    /// The size as `LxWxH` in millimetres.
    mutating func add(_ name: StaticString, _ size: PackageSize?) {
        self.name(name)
        guard let size else { return self.buffer.put(0) }
        self.buffer.put(1)
        let (length, width, height) =
            (Int64(size.lengthMillimetres), Int64(size.widthMillimetres), Int64(size.heightMillimetres))
        self.buffer.putLength(
            CanonicalBuffer.digitCount(length) + CanonicalBuffer.digitCount(width)
                + CanonicalBuffer.digitCount(height) + 2
        )
        self.buffer.putDigits(length)
        self.buffer.put(UInt8(ascii: "x"))
        self.buffer.putDigits(width)
        self.buffer.put(UInt8(ascii: "x"))
        self.buffer.putDigits(height)
    }

    /// The date as its ``CalendarDate/description`` writes it (`2024-12-31`).
    mutating func add(_ name: StaticString, date: CalendarDate) {
        guard (0...9999).contains(date.year), (0...99).contains(date.month), (0...99).contains(date.day) else {
            return self.add(name, date.description)
        }
        self.name(name)
        self.buffer.put(1)
        self.buffer.putLength(10)
        self.buffer.putDigits(Int64(date.year), width: 4)
        self.buffer.put(UInt8(ascii: "-"))
        self.buffer.putDigits(Int64(date.month), width: 2)
        self.buffer.put(UInt8(ascii: "-"))
        self.buffer.putDigits(Int64(date.day), width: 2)
    }

    mutating func add(_ certificate: Certificate) {
        self.add("certificate.star", number: Int64(certificate.star.rawValue))
        self.add("certificate.decisionNumber", certificate.decisionNumber)
        self.add("certificate.decisionDate", date: certificate.decisionDate)
        self.add("certificate.issuedBy", certificate.issuedBy)
        self.add("certificate.expires", date: certificate.expires)
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

    /// A field's name, length-prefixed as any value is.
    private mutating func name(_ name: StaticString) {
        let bytes = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        self.buffer.putLength(bytes.count)
        self.buffer.put(bytes)
    }

    /// The bytes gathered so far.
    var bytes: [UInt8] { self.buffer.withBytes { Array($0) } }

    /// SHA-256 of the fields, in lowercase hex.
    var hex: String {
        var hasher = SHA256()
        self.buffer.withBytes { hasher.update(bufferPointer: $0) }
        // Through the digest's bytes: iterating the digest itself copies them into an array first.
        return hasher.finalize().withUnsafeBytes { digest in
            String(unsafeUninitializedCapacity: 2 * digest.count) { text in
                for (index, byte) in digest.enumerated() {
                    text[2 * index] = Self.hexDigit(byte >> 4)
                    text[2 * index + 1] = Self.hexDigit(byte & 0x0F)
                }
                return 2 * digest.count
            }
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// A growable byte buffer written through a pointer: each write checks the room left once, then copies.
struct CanonicalBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
    }

    deinit {
        self.base.deallocate()
    }

    /// Makes room for `more` bytes.
    @inline(__always)
    private mutating func reserve(_ more: Int) {
        if self.count + more > self.capacity { self.grow(to: self.count + more) }
    }

    private mutating func grow(to needed: Int) {
        let capacity = max(needed, 2 * self.capacity)
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        base.initialize(from: self.base, count: self.count)
        self.base.deallocate()
        self.base = base
        self.capacity = capacity
    }

    mutating func put(_ byte: UInt8) {
        self.reserve(1)
        self.base[self.count] = byte
        self.count += 1
    }

    mutating func put(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        self.reserve(bytes.count)
        (self.base + self.count).initialize(from: start.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        self.count += bytes.count
    }

    /// The UTF-8 bytes of `text`, copied where they lie.
    mutating func put(_ text: String) {
        // A native string's bytes are contiguous: read in place, without the copy `withUTF8` needs.
        if text.utf8.withContiguousStorageIfAvailable({ self.put(UnsafeRawBufferPointer($0)) }) != nil { return }
        var text = text
        text.withUTF8 { self.put(UnsafeRawBufferPointer($0)) }
    }

    /// A length as four bytes, least significant first.
    mutating func putLength(_ length: Int) {
        let length = UInt32(truncatingIfNeeded: length)
        self.reserve(4)
        self.base[self.count] = UInt8(truncatingIfNeeded: length)
        self.base[self.count + 1] = UInt8(truncatingIfNeeded: length >> 8)
        self.base[self.count + 2] = UInt8(truncatingIfNeeded: length >> 16)
        self.base[self.count + 3] = UInt8(truncatingIfNeeded: length >> 24)
        self.count += 4
    }

    mutating func putLengthPrefixed(_ text: String) {
        // Room for the length and the bytes made at once.
        let count = text.utf8.count
        self.reserve(4 + count)
        self.putLength(count)
        self.put(text)
    }

    /// The decimal digits of `number`, length-prefixed.
    mutating func putLengthPrefixed(_ number: Int64) {
        self.putLength(Self.digitCount(number))
        self.putDigits(number)
    }

    /// How many bytes `String(number)` has: its digits, and a minus sign.
    static func digitCount(_ number: Int64) -> Int {
        var count = number < 0 ? 2 : 1
        var rest = number.magnitude
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// `number` as `String(number)` writes it, or zero-padded to `width` digits when it is not negative and has
    /// fewer.
    mutating func putDigits(_ number: Int64, width: Int = 0) {
        var length = Self.digitCount(number)
        if number < 0 {
            self.put(UInt8(ascii: "-"))
            length -= 1
        }
        let digits = max(length, width)
        self.reserve(digits)
        var rest = number.magnitude
        for offset in (0..<digits).reversed() {
            self.base[self.count + offset] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        self.count += digits
    }

    /// The bytes written so far.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(UnsafeRawBufferPointer(start: self.base, count: self.count))
    }
}
