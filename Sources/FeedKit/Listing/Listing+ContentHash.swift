import Crypto
import Groundwork
import OCOPCatalog

extension Listing {
    /// A SHA-256 digest (hex) of exactly what the marketplace is sent: it changes when the product, the
    /// mapping or the shop settings change what the listing says, and only then.
    ///
    /// The digest is of `{"id": …, "attributes": …}` as `JSONValue.serialized` writes it, with the attributes
    /// in ``FlatJSON`` shape; those bytes are written straight into one buffer (`FlatJSON.write`), since every
    /// run hashes every listing.
    public var contentHash: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        bytes.append(contentsOf: #"{"id":"#.utf8)
        FlatJSON.writeString(self.id, into: &bytes)
        bytes.append(contentsOf: #","attributes":"#.utf8)
        FlatJSON.write(self.attributes, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        let digest = SHA256.hash(data: bytes)
        return String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { hex in
            var index = 0
            for byte in digest {
                hex[index] = FlatJSON.hexDigits[Int(byte >> 4)]
                hex[index + 1] = FlatJSON.hexDigits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }
}
