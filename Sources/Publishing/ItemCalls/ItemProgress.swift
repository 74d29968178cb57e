import FeedKit

/// What a marketplace holds of one product while its conversation goes on: what the ledger knew, updated as
/// answers come (`known`), and the listing's images as they are uploaded (`images`).
public struct ItemProgress: Hashable, Sendable {
    public var known: RemoteReferences
    public var images: ImageUploads
    /// Whether the change sends a listing (and so its images): a delete leaves the known images as they are.
    private let sendsImages: Bool

    /// The progress of `change` before its first call: the ledger's references, none of its images sent.
    public init(_ change: PlannedChange) {
        self.known = RemoteReferences(ledgerText: change.remoteID)
        self.images = ImageUploads(change.listing?.values("image") ?? [], references: self.known)
        self.sendsImages = change.listing != nil
    }

    /// The references as they stand, images included.
    public var references: RemoteReferences { self.sendsImages ? self.images.applied(to: self.known) : self.known }
}
