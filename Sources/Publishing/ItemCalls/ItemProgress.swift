import FeedKit

/// What a marketplace holds of one product while its conversation goes on: what the ledger knew, updated as
/// answers come (`known`), and the listing's images as they are uploaded (`images`).
public struct ItemProgress: Hashable, Sendable {
    public var known: RemoteReferences
    public var images: ImageUploads

    /// The progress of `change` before its first call: the ledger's references, none of its images sent.
    public init(_ change: PlannedChange) {
        self.known = RemoteReferences(ledgerText: change.remoteID)
        self.images = ImageUploads(change.listing?.values("image") ?? [], references: self.known)
    }

    /// The references as they stand, images included.
    public var references: RemoteReferences { self.images.applied(to: self.known) }
}
