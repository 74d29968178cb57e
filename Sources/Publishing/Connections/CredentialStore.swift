public import Foundation

/// The file that keeps connected shops' tokens (`credentials:` in `ocop.yaml`, else `ocop-credentials.json`
/// beside it). It is created with mode 0600 and replaced whole on every change (a temporary file in the same
/// folder, written, `fsync`ed, renamed over the old one, the folder `fsync`ed), so a crash leaves the old file or
/// the new one, never half of one. Renewals take an exclusive `flock` on `FILE.lock`, so two processes (the
/// scheduler and a manual publish) never both spend one refresh token.
public struct CredentialStore: Sendable {
    /// The store file.
    public let url: URL

    /// A store at `url` (nothing is read or created until asked).
    public init(url: URL) {
        self.url = url
    }

    private struct Contents: Codable {
        var version = 1
        var connections: [ShopConnection] = []
    }

    /// Every connection kept; none when the file does not exist.
    public func connections() throws(PublishingError) -> [ShopConnection] {
        try self.read().connections
    }

    /// The connection kept for `marketplace`: the one for `shop` when given, else the only one.
    public func connection(for marketplace: String, shop: String? = nil) throws(PublishingError) -> ShopConnection? {
        let kept = try self.connections().filter { $0.marketplace == marketplace }
        if let shop { return kept.first { $0.shop == shop } }
        return kept.last
    }

    /// Keeps `connection`, replacing the one for the same marketplace and shop.
    public func save(_ connection: ShopConnection) throws(PublishingError) {
        var contents = try self.read()
        contents.connections.removeAll { $0.marketplace == connection.marketplace && $0.shop == connection.shop }
        contents.connections.append(connection)
        contents.connections.sort { ($0.marketplace, $0.shop) < ($1.marketplace, $1.shop) }
        try self.write(contents)
    }

    /// Forgets `connection` (the marketplace and shop it is for).
    public func remove(_ connection: ShopConnection) throws(PublishingError) {
        var contents = try self.read()
        contents.connections.removeAll { $0.marketplace == connection.marketplace && $0.shop == connection.shop }
        try self.write(contents)
    }

    /// Runs `body` holding the store's exclusive lock (waiting for another process to release it).
    public func withLock<T>(_ body: () async throws -> T) async throws -> T {
        let lock = self.url.path + ".lock"
        let descriptor = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PublishingError(.account, "\(lock): cannot open the credential store's lock: \(Self.reason())")
        }
        defer { close(descriptor) }
        // Waiting for another process blocks a thread: never one of the concurrency pool's few.
        let failure: String? = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                while flock(descriptor, LOCK_EX) != 0 {
                    guard errno == EINTR else { return continuation.resume(returning: Self.reason()) }
                }
                continuation.resume(returning: nil)
            }
        }
        if let failure { throw PublishingError(.account, "\(lock): cannot lock the credential store: \(failure)") }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }

    private func read() throws(PublishingError) -> Contents {
        let data: Data
        do {
            data = try Data(contentsOf: self.url)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return Contents()
        } catch {
            throw PublishingError(
                .account,
                "\(self.url.path): cannot read the credential store: \(error.localizedDescription)"
            )
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try decoder.decode(Contents.self, from: data)
        } catch {
            throw PublishingError(
                .account,
                "\(self.url.path): the credential store is damaged; move it away and run ocop connect again"
            )
        }
    }

    private func write(_ contents: Contents) throws(PublishingError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(contents)
        } catch {
            throw PublishingError(.account, "cannot encode the credential store: \(error)")
        }
        let folder = self.url.deletingLastPathComponent()
        let temporary = folder.appending(path: ".\(self.url.lastPathComponent).\(UUID().uuidString).tmp")
        func fail(_ doing: String) -> PublishingError {
            let error = PublishingError(
                .account,
                "\(self.url.path): cannot \(doing) the credential store: \(Self.reason())"
            )
            unlink(temporary.path)
            return error
        }
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw fail("create") }
        let written = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard written, fchmod(descriptor, 0o600) == 0, fsync(descriptor) == 0 else {
            close(descriptor)
            throw fail("write")
        }
        close(descriptor)
        guard rename(temporary.path, self.url.path) == 0 else { throw fail("replace") }
        let directory = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
