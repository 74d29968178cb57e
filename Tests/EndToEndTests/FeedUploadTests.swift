import Crypto
import Foundation
import Groundwork
import OCOPCatalog
import Sandbox
import TestSupport
import Testing
import Transport

@Suite(.timeLimit(.minutes(2))) struct FeedUploadTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner

    init() throws {
        (self.folder, self.ocop) = try CommandRunner.withSampleCatalog()
    }

    func writeConfig(_ base: URL) throws {
        try self.folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            shop: { base_url: "https://ocop.daklak.example.vn" }
            marketplaces:
              meta-catalog: { catalog_id: "789", access_token: "${META_ACCESS_TOKEN}",
                              upload_url: "\(base.appending(path: "files/meta-catalog.xml").absoluteString)",
                              upload_user: ocop, upload_password: "${FEED_UPLOAD_PASSWORD}" }
            """
        )
    }

    @Test func anExportedFeedIsUploadedWholeAndAWrongPasswordIsRefusedWithoutShowingIt() async throws {
        let credentials = SandboxCredentials(metaAccessToken: "unused", fileUpload: ("ocop", "right-PASSWORD-77"))
        let (uploaded, refused, files) = try await withSandbox(credentials: credentials) { base in
            try self.writeConfig(base)
            let arguments = ["feed", "export", "meta-catalog", "--upload", "--output", "meta-catalog.xml"]
            let uploaded = try await self.ocop.runDetached(
                arguments,
                environment: ["FEED_UPLOAD_PASSWORD": "right-PASSWORD-77"]
            )
            let refused = try await self.ocop.runDetached(
                arguments,
                environment: ["FEED_UPLOAD_PASSWORD": "wrong-PASSWORD-88"]
            )
            let files = try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/files"))).body
            return (uploaded, refused, files)
        }
        // The feed arrives byte for byte (the access token, not needed for a file, was never asked for)
        #expect(uploaded.status == 0, "\(uploaded.stderr)")
        let local = try Data(contentsOf: self.folder.url.appending(path: "meta-catalog.xml"))
        #expect(uploaded.stdout.contains("uploaded \(local.count) bytes"))
        let held = try JSONValue.parse(files)["items"]?["meta-catalog.xml"]
        #expect(held?["bytes"] == .number(String(local.count)))
        #expect(held?["sha256"]?.text == SHA256.hash(data: local).map { String(format: "%02x", $0) }.joined())
        // and a wrong password is one clear line, exit 65, and never printed
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("HTTP 401"))
        #expect(!refused.stderr.contains("wrong-PASSWORD-88") && !refused.stdout.contains("wrong-PASSWORD-88"))
    }
}
