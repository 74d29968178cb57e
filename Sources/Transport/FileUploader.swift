public import Foundation

/// Where a feed file is pushed: an `sftp://` or `https://` URL and what it takes to log in.
public struct UploadTarget: Hashable, Sendable {
    /// The file's full remote location, such as `sftp://upload.example.com:19321/feed.xml`.
    public var url: URL
    public var username: String?
    public var password: String?
    /// SFTP: the private key file (PEM or OpenSSH) and, beside it, its public key (`KEY.pub` by default).
    public var privateKeyFile: String?
    public var publicKeyFile: String?
    /// SFTP: the server's host key as its SHA-256 fingerprint (`ssh-keygen -lf -E sha256`, with or without the
    /// `SHA256:` prefix). Required: as with TLS, an unverified server is never sent a file.
    public var hostKeySHA256: String?
    /// The longest the whole upload may take.
    public var timeout: Duration

    /// Creates a target.
    public init(
        url: URL,
        username: String? = nil,
        password: String? = nil,
        privateKeyFile: String? = nil,
        publicKeyFile: String? = nil,
        hostKeySHA256: String? = nil,
        timeout: Duration = .seconds(600)
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.privateKeyFile = privateKeyFile
        self.publicKeyFile = publicKeyFile
        self.hostKeySHA256 = hostKeySHA256
        self.timeout = timeout
    }

    /// The secrets it carries, for redaction.
    public var secrets: [String] { [self.password].compactMap { $0 } }
}

/// Pushes a file to a marketplace that takes files.
public protocol FileUploader: Sendable {
    /// Uploads `file` to `target` so that the remote file appears whole or not at all; returns the bytes sent.
    func upload(_ file: URL, to target: UploadTarget) async throws(TransportError) -> Int64
}
