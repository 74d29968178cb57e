public import Foundation
public import Transport

/// A product image's bytes, for marketplaces that take files rather than URLs.
public struct DownloadedImage: Hashable, Sendable {
    public var data: Data
    public var fileName: String
    /// `image/jpeg` or `image/png`, read from the bytes.
    public var contentType: String

    /// An image's bytes, file name and type.
    public init(data: Data, fileName: String, contentType: String) {
        self.data = data
        self.fileName = fileName
        self.contentType = contentType
    }
}

/// Fetches catalogue images: from the image's own URL, or with `image_mirror` set in the account, from the
/// same path under that base URL (a local copy of the province's image server, or the sandbox). An image's
/// own URL must name a public address (`AddressPolicy`) unless its host is in the account's
/// `allowed_image_hosts` (comma-separated): a catalogue row cannot make publishing call into the office's
/// network. The mirror is the configuration's own choice, so it is not checked.
public struct ImageDownloader: Sendable {
    public let client: any HTTPClient
    public let mirror: URL?
    /// Hosts an image URL may name although they are not public.
    public let allowedHosts: Set<String>
    /// The largest file accepted: 10 MB, the most any of our file-taking marketplaces allows.
    public var maximumBytes = 10 << 20

    /// A downloader for `account`'s images.
    public init(client: any HTTPClient, account: MarketplaceAccount) {
        self.client = client
        self.mirror = account.value("image_mirror").flatMap { URL(string: $0) }
        self.allowedHosts = Set(
            (account.value("allowed_image_hosts") ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }.filter { !$0.isEmpty }
        )
    }

    /// The image at `address`; an `ItemFailure` saying why when it cannot be had or is not JPEG or PNG.
    public func image(at address: String) async throws(ItemFailure) -> DownloadedImage {
        let (response, fileName) = try await self.fetch(address)
        guard response.status == 200 else {
            throw ItemFailure("image \(address) could not be downloaded: HTTP \(response.status)")
        }
        guard response.body.count <= self.maximumBytes else {
            throw ItemFailure(
                "image \(address) is \(response.body.count) bytes, more than \(self.maximumBytes >> 20) MB"
            )
        }
        guard let format = ImageHeader.Format(signatureOf: response.body) else {
            throw ItemFailure("image \(address) is neither JPEG nor PNG")
        }
        return DownloadedImage(data: response.body, fileName: fileName, contentType: format.mediaType)
    }

    /// The header of the image at `address` and its size in bytes when the server says it, from its first
    /// 64 KiB only (`Range`); an `ItemFailure` when it cannot be had.
    public func header(at address: String) async throws(ItemFailure) -> (header: ImageHeader?, bytes: Int?) {
        let (response, _) = try await self.fetch(address, range: "bytes=0-65535")
        switch response.status {
        case 206:
            // Content-Range: bytes 0-65535/TOTAL
            let total = response.header("Content-Range")?.split(separator: "/").last.flatMap { Int($0) }
            return (ImageHeader(response.body), total)
        case 200:
            return (ImageHeader(response.body), response.body.count)
        default:
            throw ItemFailure("image \(address) could not be downloaded: HTTP \(response.status)")
        }
    }

    /// The answer for `address` (or its path under the mirror) and the file name it gives the image.
    private func fetch(_ address: String, range: String? = nil) async throws(ItemFailure)
        -> (response: HTTPResponse, fileName: String)
    {
        guard var url = URL(string: address), url.scheme == "http" || url.scheme == "https" else {
            throw ItemFailure("image \(address) is not an http(s) URL")
        }
        let fileName = url.lastPathComponent.isEmpty ? "image" : url.lastPathComponent
        var pinned: [String] = []
        if let mirror = self.mirror {
            url = mirror.appending(path: String(url.path.drop { $0 == "/" }))
        } else if let host = url.host(), !self.allowedHosts.contains(host.lowercased()) {
            switch AddressPolicy.publicAddresses(of: host) {
            case .success(let addresses): pinned = addresses
            case .failure(let refusal):
                throw ItemFailure(
                    "image \(address) is on \(refusal.reason), which publishing does not fetch from; put the image on "
                        + "a public server, or name \(host) in allowed_image_hosts"
                )
            }
        }
        do {
            var request = HTTPRequest(url: url, headers: range.map { [("Range", $0)] } ?? [])
            request.pinnedAddresses = pinned
            request.maximumResponseBytes = self.maximumBytes
            return (try await self.client.send(request), fileName)
        } catch {
            throw ItemFailure("image \(address) could not be downloaded: \(error.message)")
        }
    }
}
