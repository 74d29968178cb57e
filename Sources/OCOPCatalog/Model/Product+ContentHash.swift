import Crypto
import Foundation

extension Product {
    /// A SHA-256 digest (lowercase hex) of everything a marketplace could see of this product.
    ///
    /// It changes exactly when such a value changes: every field of the product, its certificate and its
    /// producer, encoded canonically (sorted keys, sets sorted), so that re-importing the same data gives
    /// the same hash and the publisher sends nothing.
    public var contentHash: String {
        var canonical = self
        // A set has no order of its own; encode it sorted.
        canonical.marketplaces = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(canonical)) ?? Data()  // Encoding these value types cannot fail.
        if let marketplaces = self.marketplaces {
            data.append(contentsOf: Array(("|" + marketplaces.sorted().map(\.rawValue).joined(separator: ",")).utf8))
        }
        return SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
