public import Foundation

/// Files of the repository that tests read in place, and scratch folders for tests to write in.
public enum Fixtures {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `samples/`.
    public static let samples = root.appending(path: "samples")
    /// The marketplaces the samples configure (the adapter registry's, which these test targets do not link).
    public static let marketplaces = [
        "google-merchant", "meta-catalog", "woocommerce", "shopee", "lazada", "tiktok-shop", "tiki",
    ]
    /// The sample catalogue files (`samples/catalog/*`), sorted.
    public static var sampleCatalogFiles: [URL] {
        let folder = samples.appending(path: "catalog")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appending(path: $0) }
    }
}

/// A fresh folder under the system's temporary folder, removed when the value is dropped.
public final class TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Creates the folder.
    public init() throws {
        self.url = FileManager.default.temporaryDirectory.appending(
            path: "ocop-test-\(UUID().uuidString)",
            directoryHint: .isDirectory
        )
        try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.url)
    }

    /// Writes `text` (UTF-8) to `name` in the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        try self.write(name, Data(text.utf8))
    }

    /// Writes `bytes` to `name` in the folder and returns its URL, relative to the folder.
    @discardableResult
    public func write(_ name: String, _ bytes: Data) throws -> URL {
        let file = URL(fileURLWithPath: name, relativeTo: self.url)  // so messages name it as `name`
        try bytes.write(to: file)
        return file
    }
}
