import ArgumentParser
import Foundation
import Groundwork
import Logging
import OCOPConfiguration
import Operations
import Publishing
import Serving

extension OCOP {
    /// `ocop connect MARKETPLACE [--code C] [--shop-id ID] [--redirect-port P]`
    struct Connect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Connect a Shopee, Lazada or TikTok Shop shop once; its tokens then renew themselves.",
            discussion: """
                Without --code, prints the marketplace's authorization link. With --redirect-port, it also \
                serves the redirect on http://127.0.0.1:PORT/callback (register that address for your app) and \
                finishes by itself once you have allowed the app; otherwise copy the code (and for Shopee the \
                shop_id) from the address the browser lands on and run again with --code. The tokens go to \
                the credential store beside ocop.yaml (credentials: moves it), readable by its owner only.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "shopee, lazada or tiktok-shop.")
        var marketplace: String

        @Option(help: "The code from the redirect after the seller allowed the app.")
        var code: String?

        @Option(help: "The shop_id from the same redirect (Shopee).")
        var shopID: String?

        @Option(help: "Serve the redirect on this loopback port and wait for it (0: any free port).")
        var redirectPort: Int?

        @Option(
            help:
                "The redirect address registered for the app, for the printed link (default: redirect_url in ocop.yaml)."
        )
        var redirectURL: String?

        func run() async throws {
            let language = try self.options.language()
            let workspace = try ExitStatus.reporting(in: language) { try self.options.workspace() }
            try await ExitStatus.reportingAsync(in: language) {
                let code: String
                var shop = self.shopID
                if let given = self.code {
                    code = given
                } else if let port = self.redirectPort {
                    let query = try await self.waitForRedirect(workspace, port: port)
                    code = query["code"] ?? ""
                    shop = shop ?? query["shop_id"]
                } else {
                    try self.printLink(workspace)
                    return
                }
                let connection = try await workspace.connect(self.marketplace, code: code, shop: shop)
                print(
                    "connected: \(self.marketplace) shop \(connection.shopDescription); access until "
                        + "\(Self.time(connection.accessExpires)), renewed by itself"
                        + (connection.refreshExpires.map { " until \(Self.time($0)), when it must be connected again" }
                            ?? "")
                )
                print("credentials kept in \(workspace.credentialStore.url.path) (mode 600)")
            }
        }

        /// Prints the link and what to do after it.
        private func printLink(_ workspace: Workspace) throws {
            let (_, authorization) = try workspace.shopAuthorization(self.marketplace)
            let registered =
                try self.redirectURL ?? workspace.configuration.marketplaces[self.marketplace]?.value("redirect_url")
            if authorization.linkCarriesRedirect && registered == nil {
                throw PublishingError(
                    .account,
                    "\(self.marketplace): the link needs the redirect address registered for your app: pass "
                        + "--redirect-url URL (or redirect_url: in ocop.yaml), or --redirect-port P to receive it here"
                )
            }
            let link = try workspace.authorizationLink(
                self.marketplace,
                redirect: registered.flatMap(URL.init(string:)),
                state: Self.newState()
            )
            print("Open this link, log in as the shop and allow the app:\n  \(link.absoluteString)")
            let shop = authorization.codeNeedsShop ? " --shop-id SHOP_ID" : ""
            print(
                "Then copy code\(authorization.codeNeedsShop ? " and shop_id" : "") from the address the browser lands on and run:\n"
                    + "  ocop connect \(self.marketplace) --code CODE\(shop)"
            )
        }

        /// Serves the redirect on loopback, prints the link once it listens, and returns the redirect's query.
        private func waitForRedirect(_ workspace: Workspace, port: Int) async throws -> [String: String] {
            let (_, authorization) = try workspace.shopAuthorization(self.marketplace)
            let state = Self.newState()
            var logger = Logger(label: "ocop.connect")
            logger.logLevel = .critical
            let callback = AuthorizationCallback(port: port, state: state, logger: logger)
            let marketplace = self.marketplace
            let links = LinkPrinter(
                workspace: workspace,
                marketplace: marketplace,
                state: state,
                authorization: authorization
            )
            return try await callback.wait { port in links.print(port: port) }
        }

        /// A state no one can guess, tying the redirect to this link.
        static func newState() -> String {
            UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        }

        /// `date` in Vietnam's time, as people there write it.
        static func time(_ date: Date) -> String {
            let formatter = DateFormatter()
            formatter.dateFormat = "dd/MM/yyyy HH:mm"
            formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
            return formatter.string(from: date) + " (Asia/Ho_Chi_Minh)"
        }
    }
}

/// Prints the authorization link once the callback listens (the redirect address needs its port).
private struct LinkPrinter: Sendable {
    let workspace: Workspace
    let marketplace: String
    let state: String
    let authorization: any ShopAuthorization

    func print(port: Int) {
        let redirect = AuthorizationCallback.address(
            port: port,
            state: self.state,
            inAddress: !self.authorization.returnsState
        )
        var lines: [String] = []
        do {
            let link = try self.workspace.authorizationLink(self.marketplace, redirect: redirect, state: self.state)
            lines.append("Open this link, log in as the shop and allow the app:\n  \(link.absoluteString)")
        } catch {
            lines.append("error: \(error)")
        }
        lines.append(
            "Waiting for the redirect on http://127.0.0.1:\(port)/callback"
                + (self.authorization.linkCarriesRedirect ? "" : " (register it as the app's redirect URL)")
                + " …"
        )
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
