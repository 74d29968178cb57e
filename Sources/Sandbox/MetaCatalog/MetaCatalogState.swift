import Foundation

/// What the Meta simulator keeps: each batch's handle and what ingesting it rejected.
actor MetaCatalogState {
    /// Batches answered, by handle: the requests rejected while ingesting them.
    private var batches: [String: [(id: String, message: String)]] = [:]

    /// Keeps what ingesting a batch rejected; returns the batch's handle.
    func registerBatch(rejected: [(id: String, message: String)]) -> String {
        let handle = "sandbox-\(UUID().uuidString.prefix(8))"
        self.batches[handle] = rejected
        return handle
    }

    /// What ingesting batch `handle` rejected; `nil` for an unknown handle.
    func batch(_ handle: String) -> [(id: String, message: String)]? {
        self.batches[handle]
    }
}
