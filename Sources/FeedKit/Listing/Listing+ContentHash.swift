import Crypto
import Groundwork
import OCOPCatalog

extension Listing {
    /// A SHA-256 digest (hex) of exactly what the marketplace is sent: it changes when the product, the
    /// mapping or the shop settings change what the listing says, and only then.
    public var contentHash: String {
        let text = JSONValue.object([("id", .string(self.id)), ("attributes", FlatJSON.encode(self.attributes))])
            .serialized
        return SHA256.hash(data: Array(text.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
