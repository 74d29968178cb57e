/// A listing's images on their way to a marketplace that gives each its own id: the ones it already has
/// (kept in the ledger) are reused, the others obtained one at a time, so that no image is uploaded twice.
public struct ImageUploads: Hashable, Sendable {
    /// The catalogue URLs, in order.
    public let urls: [String]
    private var known: [String: String]
    private var kept: [String: String] = [:]
    /// The marketplace's ids for the URLs obtained so far, in order.
    public private(set) var ids: [String] = []

    /// The uploads of `urls`, given the ids `references` already holds.
    public init(_ urls: [String], references: RemoteReferences) {
        self.urls = urls
        self.known = references.images
    }

    /// The next URL whose id must be obtained, after taking every known one up to it; `nil` when all are done.
    public mutating func nextMissing() -> String? {
        while self.ids.count < self.urls.count {
            let url = self.urls[self.ids.count]
            guard let id = self.known[url] else { return url }
            self.kept[url] = id
            self.ids.append(id)
        }
        return nil
    }

    /// Records the id the marketplace gave the URL `nextMissing()` returned.
    public mutating func obtained(_ id: String) {
        let url = self.urls[self.ids.count]
        self.kept[url] = id
        self.ids.append(id)
    }

    /// `references` with the images as they stand: while uploads go on, every id known (the old and the
    /// new); once all are done, exactly the listing's.
    public func applied(to references: RemoteReferences) -> RemoteReferences {
        var references = references
        references.images =
            self.ids.count == self.urls.count ? self.kept : self.known.merging(self.kept) { _, new in new }
        return references
    }
}
