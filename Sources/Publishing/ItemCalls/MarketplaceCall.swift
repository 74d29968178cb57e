public import Foundation
public import Groundwork
import OCOPCatalog
public import Transport

/// One API call a multi-call marketplace wants made, before the marketplace's endpoint, credentials and
/// signature are added: the adapter's `request(for:account:now:)` turns it into the HTTP request the core
/// sends.
public struct MarketplaceCall: Hashable, Sendable {
    /// What the call carries.
    public enum Body: Hashable, Sendable {
        /// Nothing (a GET, or a marketplace that takes everything as parameters).
        case none
        /// A JSON document.
        case json(JSONValue)
        /// A `multipart/form-data` upload.
        case multipart([MultipartFormData.Part])
    }

    /// `GET`, `POST`, `PUT` or `DELETE`.
    public var method: String
    /// The API path under the account's endpoint, with its leading slash (`/api/v2/product/add_item`).
    public var path: String
    /// Business parameters, for the adapter to place: in the query, or in a form body (an adapter whose
    /// marketplace takes none ignores them).
    public var parameters: [String: String]
    public var body: Body
    /// Whether the same call sent twice does no more than once: a call that is not (a create without an
    /// idempotency key) is never sent again when its answer is lost.
    public var isIdempotent: Bool

    /// Creates a call.
    public init(
        _ method: String,
        _ path: String,
        parameters: [String: String] = [:],
        body: Body = .none,
        isIdempotent: Bool = true
    ) {
        self.method = method
        self.path = path
        self.parameters = parameters
        self.body = body
        self.isIdempotent = isIdempotent
    }
}

extension MarketplaceCall.Body {
    /// The bytes sent and their `Content-Type` (`nil` for no body).
    public var encoded: (contentType: String?, data: Data) {
        switch self {
        case .none: (nil, Data())
        case .json(let json): ("application/json", Data(json.serialized.utf8))
        case .multipart(let parts): MultipartFormData.body(parts)
        }
    }
}

extension MarketplaceCall {
    /// A `multipart/form-data` POST of `image` to `path` as the file field `field`, with the text `fields`.
    public static func upload(
        _ image: DownloadedImage,
        to path: String,
        as field: String,
        fields: [(name: String, value: String)] = []
    ) -> MarketplaceCall {
        let file = MultipartFormData.Part(
            name: field,
            fileName: image.fileName,
            contentType: image.contentType,
            data: image.data
        )
        let parts = [file] + fields.map { MultipartFormData.Part(name: $0.name, value: $0.value) }
        return MarketplaceCall("POST", path, body: .multipart(parts))
    }
}
