import Foundation

/// The marketplace's ids for one product: the item, its SKUs, and each image by the catalogue URL it came
/// from. Kept in the ledger's remote id column as compact JSON (a bare id from an older run reads as the
/// item id).
public struct RemoteReferences: Hashable, Sendable, Codable {
    /// The item (product) id.
    public var item: String?
    /// The SKU (model, variant) ids.
    public var skus: [String] = []
    /// Image ids, URIs or marketplace-hosted URLs, by the catalogue URL they were made from.
    public var images: [String: String] = [:]
    /// An asynchronous request still being processed (a review's track id).
    public var request: String?
    /// A create was sent and its answer never came: the marketplace may hold the item, so it is looked
    /// for before creating again.
    public var unconfirmed: Bool?

    /// No references.
    public init(item: String? = nil) {
        self.item = item
    }

    /// The references in a ledger's remote id; empty for `nil`.
    public init(ledgerText: String?) {
        guard let text = ledgerText, !text.isEmpty else { return }
        if text.hasPrefix("{"), let decoded = try? JSONDecoder().decode(Self.self, from: Data(text.utf8)) {
            self = decoded
        } else {
            self.item = text
        }
    }

    /// The JSON kept in the ledger (keys sorted, so an unchanged value is unchanged text).
    public var ledgerText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension ItemOutcome {
    /// The marketplace's id for the item itself, for people and scripts (`ocop runs`): the item of the
    /// references a multi-call marketplace keeps, or the plain id of the others.
    public var remoteItemID: String? {
        self.remoteID.flatMap { RemoteReferences(ledgerText: $0).item }
    }
}
