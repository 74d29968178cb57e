import Foundation
import Groundwork
import Hummingbird
public import Logging
import NIOCore

/// The credentials the sandbox accepts, as the real marketplaces check them.
public struct SandboxCredentials: Hashable, Sendable {
    /// The Graph API access token Meta's endpoints accept (`Authorization: Bearer …`).
    public var metaAccessToken: String
    /// The Google service account allowed to ask for tokens: its email and its public key (PEM), which
    /// checks the RS256 signature of the JWT assertion.
    public var googleServiceAccount: (email: String, publicKeyPEM: String)?
    /// The user and password `PUT /files/<name>` accepts (HTTP Basic).
    public var fileUpload: (user: String, password: String)
    /// The WooCommerce store's consumer key and secret.
    public var wooCommerce: (key: String, secret: String)
    /// Lazada's, TikTok Shop's and Shopee's app keys and secrets.
    public var signed = SignedAPICredentials()

    /// Creates credentials.
    public init(
        metaAccessToken: String,
        googleServiceAccount: (email: String, publicKeyPEM: String)? = nil,
        fileUpload: (user: String, password: String) = ("ocop", "sandbox-upload-password"),
        wooCommerce: (key: String, secret: String) = ("ck_sandbox", "cs_sandbox")
    ) {
        self.metaAccessToken = metaAccessToken
        self.googleServiceAccount = googleServiceAccount
        self.fileUpload = fileUpload
        self.wooCommerce = wooCommerce
    }

    public static func == (lhs: SandboxCredentials, rhs: SandboxCredentials) -> Bool {
        lhs.metaAccessToken == rhs.metaAccessToken && lhs.googleServiceAccount?.email == rhs.googleServiceAccount?.email
            && lhs.googleServiceAccount?.publicKeyPEM == rhs.googleServiceAccount?.publicKeyPEM
            && lhs.fileUpload == rhs.fileUpload && lhs.wooCommerce == rhs.wooCommerce && lhs.signed == rhs.signed
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.metaAccessToken)
        hasher.combine(self.googleServiceAccount?.email)
    }
}

/// A local marketplace simulator on loopback: the marketplaces' APIs as OCOP Connect speaks them, checking
/// credentials with its own code, validating payloads, keeping what it receives (`GET /sandbox/<id>`),
/// and injecting faults on request.
///
/// Meta: `POST /graph/<version>/<catalog>/items_batch`, so a configuration's `endpoint` is
/// `http://127.0.0.1:<port>/graph/v21.0`. Google: `endpoint` `http://127.0.0.1:<port>/google` and
/// `token_endpoint` `http://127.0.0.1:<port>/google/token`. WooCommerce: `endpoint`
/// `http://127.0.0.1:<port>/woocommerce/wp-json/wc/v3`. Feed files: `upload_url`
/// `http://127.0.0.1:<port>/files/<name>`.
public struct SandboxServer: Sendable {
    /// A test-only change to a tree: (tree, marketplace, category id, value) → whether it was made.
    private typealias TreeChange = @Sendable (SandboxCategoryTree, String, String, String) async -> Bool

    public let host: String
    public let port: Int
    public let credentials: SandboxCredentials
    private let state: SandboxState
    private let logger: Logger
    /// Told the marketplace id after each call that changed what a marketplace holds.
    private let observer: (@Sendable (String) -> Void)?
    /// Where every request received is written, when set.
    private let journal: RequestJournal?
    /// What the simulators judge bodies by.
    private let contracts: SandboxContracts

    /// Creates a server on `host:port` (port 0: any free port, reported when it starts).
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        credentials: SandboxCredentials,
        contracts: SandboxContracts,
        faults: FaultPlan = .none,
        tokenLifetimes: TokenLifetimes = TokenLifetimes(),
        logger: Logger = Logger(label: "ocop-sandbox"),
        journal: RequestJournal? = nil,
        observer: (@Sendable (String) -> Void)? = nil
    ) {
        self.logger = logger
        self.journal = journal
        self.contracts = contracts
        self.observer = observer
        self.host = host
        self.port = port
        self.credentials = credentials
        self.state = SandboxState(faults: faults, lifetimes: tokenLifetimes, observer: observer)
    }

    /// Serves until the task is cancelled; `started` is told the port once the server listens.
    public func run(started: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router(context: Context.self)
        let state = self.state
        let credentials = self.credentials
        let contracts = self.contracts
        if let journal = self.journal { router.add(middleware: RequestRecorder(journal: journal)) }
        if state.faults.sentinelAnswers { router.add(middleware: SentinelAnswers()) }
        router.get("sandbox/:marketplace") { _, context -> Response in
            let marketplace = try context.parameters.require("marketplace")
            return Self.json(200, await state.snapshot(marketplace))
        }
        // Test-only changes to a marketplace's tree, each {"category_id": "…", FIELD: "…"}: `renumber` gives a leaf
        // a new id (`new_id`), as a marketplace reorganising its tree does; `require` makes one of a leaf's
        // attributes mandatory (`attribute`), as a marketplace tightening a category does.
        let changes: [(action: String, field: String, refused: String, apply: TreeChange)] = [
            ("renumber", "new_id", "no such leaf, or the new id is taken", { await $0.renumber($2, to: $3, on: $1) }),
            ("require", "attribute", "no such leaf or attribute", { await $0.require($3, of: $2, on: $1) }),
        ]
        for change in changes {
            router.post("sandbox/categories/:marketplace/\(change.action)") { request, context -> Response in
                let marketplace = try context.parameters.require("marketplace")
                let body = Data(try await request.body.collect(upTo: 1 << 16).readableBytesView)
                guard let json = try? JSONValue.parse(body), let id = json["category_id"]?.text,
                    let value = json[change.field]?.text
                else { return Self.json(400, Data(#"{"error":"give category_id and \#(change.field)"}"#.utf8)) }
                guard await change.apply(state.categories, marketplace, id, value) else {
                    return Self.json(404, Data(#"{"error":"\#(change.refused)"}"#.utf8))
                }
                return Self.json(200, Data("{}".utf8))
            }
        }
        router.post("sandbox/tokens/expire") { _, _ -> Response in
            await state.tokens.expireAll()
            return Self.json(200, Data("{}".utf8))
        }
        router.post("graph/:version/:catalog/items_batch") { request, context -> Response in
            try await MetaCatalogSimulator.handle(
                request,
                context: context,
                state: state,
                credentials: credentials,
                contract: contracts[MetaCatalogSimulator.marketplace]
            ) {
                context.channel.close(promise: nil)
            }
        }
        router.get("graph/:version/:catalog/check_batch_request_status") { request, _ -> Response in
            await MetaCatalogSimulator.status(request, state: state, credentials: credentials)
        }
        router.post("google/batch/products/v1") { request, _ -> Response in
            try await GoogleMerchantSimulator.handleBatch(
                request,
                state: state,
                contract: contracts[GoogleMerchantSimulator.marketplace]
            )
        }
        router.post("google/token") { request, _ -> Response in
            try await GoogleMerchantSimulator.token(request, state: state, credentials: credentials)
        }
        router.post("google/products/v1/accounts/:account/productInputs:insert") { request, context -> Response in
            try await GoogleMerchantSimulator.insert(
                request,
                context: context,
                state: state,
                contract: contracts[GoogleMerchantSimulator.marketplace]
            )
        }
        router.delete("google/products/v1/accounts/:account/productInputs/:name") { request, context -> Response in
            try await GoogleMerchantSimulator.delete(request, context: context, state: state)
        }
        router.post("woocommerce/wp-json/wc/v3/products/batch") { request, _ -> Response in
            try await WooCommerceSimulator.batch(
                request,
                state: state,
                credentials: credentials,
                contract: contracts[WooCommerceSimulator.marketplace]
            )
        }
        router.get("lazada-auth/oauth/authorize") { request, _ -> Response in
            await LazadaSimulator.authorize(request, state: state, keys: credentials.signed)
        }
        for method in [HTTPRequest.Method.get, .post] {
            router.on("lazada-auth/rest/**", method: method) { request, _ -> Response in
                try await LazadaSimulator.handle(
                    request,
                    state: state,
                    keys: credentials.signed,
                    contract: contracts[LazadaSimulator.marketplace]
                )
            }
        }
        router.get("tiktok-auth/open/authorize") { request, _ -> Response in
            await TikTokShopSimulator.authorize(request, state: state, keys: credentials.signed)
        }
        router.get("tiktok-auth/api/v2/token/:grant") { request, context -> Response in
            await TikTokShopSimulator.token(
                request,
                grant: try context.parameters.require("grant"),
                state: state,
                keys: credentials.signed,
                contract: contracts[TikTokShopSimulator.marketplace]
            )
        }
        router.get("lazada/rest/**") { request, _ -> Response in
            try await LazadaSimulator.handle(
                request,
                state: state,
                keys: credentials.signed,
                contract: contracts[LazadaSimulator.marketplace]
            )
        }
        router.post("lazada/rest/**") { request, _ -> Response in
            try await LazadaSimulator.handle(
                request,
                state: state,
                keys: credentials.signed,
                contract: contracts[LazadaSimulator.marketplace]
            )
        }
        for method in [HTTPRequest.Method.get, .post, .put, .delete] {
            router.on("tiktok/**", method: method) { request, _ -> Response in
                try await TikTokShopSimulator.handle(
                    request,
                    state: state,
                    keys: credentials.signed,
                    contract: contracts[TikTokShopSimulator.marketplace]
                )
            }
        }
        for method in [HTTPRequest.Method.get, .post] {
            router.on("shopee/api/v2/**", method: method) { request, context -> Response in
                try await ShopeeSimulator.handle(
                    request,
                    state: state,
                    keys: credentials.signed,
                    contract: contracts[ShopeeSimulator.marketplace]
                ) {
                    context.channel.close(promise: nil)
                }
            }
        }
        router.post("tiki/integration/**") { request, _ -> Response in
            try await TikiSimulator.handle(
                request,
                state: state,
                keys: credentials.signed,
                contract: contracts[TikiSimulator.marketplace]
            )
        }
        router.get("tiki/integration/**") { request, _ -> Response in
            try await TikiSimulator.handle(
                request,
                state: state,
                keys: credentials.signed,
                contract: contracts[TikiSimulator.marketplace]
            )
        }
        router.get("images/**") { request, _ -> Response in
            SandboxImages.image(request)
        }
        router.put("files/:name") { request, context -> Response in
            try await FeedFileUpload.handle(request, context: context, state: state, credentials: credentials)
        }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(self.host, port: self.port), serverName: "ocop-sandbox"),
            onServerRunning: { channel in await started(channel.localAddress?.port ?? 0) },
            logger: self.logger
        )
        try await application.run()
    }

    /// A request's context that keeps its connection, so a fault can drop it.
    struct Context: RequestContext {
        var coreContext: CoreRequestContextStorage
        let channel: any Channel

        init(source: ApplicationRequestContextSource) {
            self.coreContext = .init(source: source)
            self.channel = source.channel
        }
    }

    static func json(_ status: Int, _ body: Data, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
