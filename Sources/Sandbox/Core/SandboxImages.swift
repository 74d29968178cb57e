import Foundation
import Hummingbird
import NIOCore

/// The sandbox as an image host: `GET /images/<any path>` answers a small PNG, so a configuration's
/// `image_mirror: http://127.0.0.1:<port>/images` gives the marketplaces that take files (Shopee, TikTok
/// Shop) something to upload for every catalogue image. A path containing `missing` answers 404.
enum SandboxImages {
    /// A 1×1 PNG in OCOP gold.
    static let png = Data(
        base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4M9MYAAPNAZlxKNLDAAAAAElFTkSuQmCC"
    )!

    /// Whether `data` is a JPEG or a PNG, by its signature: what the marketplaces that take files accept.
    static func isJPEGOrPNG(_ data: Data) -> Bool {
        data.starts(with: [0xFF, 0xD8, 0xFF]) || data.starts(with: [0x89, 0x50, 0x4E, 0x47])
    }

    static func image(_ request: Request) -> Response {
        guard !request.uri.path.contains("missing") else { return Response(status: .notFound) }
        return Response(
            status: .ok,
            headers: [.contentType: "image/png"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.png))
        )
    }
}
