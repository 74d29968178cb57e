import ArgumentParser
import Foundation
import Operations
import Sandbox

extension OCOP {
    /// `ocop sandbox [--port P]`
    struct SandboxCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sandbox",
            abstract: "Serve a local marketplace simulator on 127.0.0.1 for dry runs and tests.",
            discussion: """
                Meta's items_batch is at http://127.0.0.1:PORT/graph/v21.0 and accepts the access token given \
                with --meta-token (default: sandbox-meta-token). Google's Merchant API is at \
                http://127.0.0.1:PORT/google (token endpoint /google/token) for the service account written \
                with --write-google-key. WooCommerce: /woocommerce/wp-json/wc/v3 (ck_sandbox, cs_sandbox). \
                Shopee: /shopee (partner 2001887, key sandbox-shopee-partner-key, shop 14701711, token \
                sandbox-shopee-access-token). Lazada: /lazada/rest (app 123456, secret sandbox-lazada-secret, \
                token sandbox-lazada-access-token; authorization service auth_endpoint /lazada-auth/rest). \
                TikTok Shop: /tiktok (app 29a39d, secret sandbox-tiktok-secret, token \
                sandbox-tiktok-access-token; service_id 7000000000000000001, authorize_url \
                /tiktok-auth/open/authorize, auth_endpoint /tiktok-auth). Shops connected with ocop connect \
                get tokens that expire after --token-ttl seconds; codes and refresh tokens work once. Tiki: /tiki/integration (token sandbox-tiki-access-token). \
                Images for Shopee and TikTok Shop: image_mirror http://127.0.0.1:PORT/images. \
                GET /sandbox/<marketplace> shows what it holds.
                """
        )

        @Option(help: "The port (0: any free port).")
        var port = 8787

        @Option(help: "The Meta access token the sandbox accepts.")
        var metaToken = "sandbox-meta-token"

        @Option(help: "The password feed uploads (PUT /files/NAME, user ocop) must give.")
        var uploadPassword = "sandbox-upload-password"

        @Option(help: "Share of calls answered 500 (0 to 1).")
        var serverErrors = 0.0

        @Option(help: "Share of calls answered 429 with Retry-After (0 to 1).")
        var rateLimited = 0.0

        @Option(help: "Share of Meta calls applied, then their connection dropped without an answer (0 to 1).")
        var lostAnswers = 0.0

        @Option(help: "Share of calls answered only after 2 seconds (0 to 1).")
        var slowAnswers = 0.0

        @Option(help: "Write a new Google service-account key file here; the sandbox accepts that account.")
        var writeGoogleKey: String?

        @Option(help: "Write every request received to this file, one JSON line each (for the conformance judges).")
        var record: String?

        @Option(help: "Seconds the access tokens it issues live (default: each marketplace's own).")
        var tokenTTL: Double?

        @Option(help: "Seconds the refresh tokens it issues live (default: each marketplace's own).")
        var refreshTTL: Double?

        @Option(help: "The redirect registered for the sandbox's TikTok Shop app (default: the page shows the code).")
        var tiktokRedirect: String?

        func run() async throws {
            var google: (email: String, publicKeyPEM: String)?
            if let path = self.writeGoogleKey {
                google = try SandboxServiceAccount.write(to: URL(fileURLWithPath: path))
            }
            var credentials = SandboxCredentials(
                metaAccessToken: self.metaToken,
                googleServiceAccount: google,
                fileUpload: ("ocop", self.uploadPassword)
            )
            credentials.signed.tiktokRedirect = self.tiktokRedirect
            let server = SandboxServer(
                port: self.port,
                credentials: credentials,
                contracts: try SandboxContracts(AdapterRegistry.apiContracts()),
                faults: FaultPlan(
                    serverErrors: self.serverErrors,
                    rateLimited: self.rateLimited,
                    droppedAfterApplying: self.lostAnswers,
                    slowAnswers: self.slowAnswers,
                    seed: 1
                ),
                tokenLifetimes: TokenLifetimes(access: self.tokenTTL, refresh: self.refreshTTL),
                journal: try self.record.map { try RequestJournal(writingTo: URL(fileURLWithPath: $0)) }
            )
            try await server.run { port in
                let line =
                    "sandbox listening on http://127.0.0.1:\(port) (Meta endpoint: http://127.0.0.1:\(port)/graph/v21.0)\n"
                FileHandle.standardOutput.write(Data(line.utf8))  // unbuffered: scripts wait for this line
            }
        }
    }
}
