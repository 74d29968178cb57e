import Foundation
import Testing
import Transport

@Suite(.timeLimit(.minutes(1))) struct CurlUploaderTests {
    let uploader = CurlUploader()
    let feed: URL
    let contents = Data(
        ("<?xml version=\"1.0\"?><rss><channel><title>Cà phê Buôn Ma Thuột</title>"
            + String(repeating: "<item/>", count: 20_000) + "</channel></rss>").utf8
    )

    init() throws {
        self.feed = FileManager.default.temporaryDirectory.appending(path: "ocop-upload-\(UUID().uuidString).xml")
        try self.contents.write(to: self.feed)
    }

    /// `name` in the server's folder, logging in with the client key, trusting `hostKey`.
    func target(_ server: LoopbackSSHServer, _ name: String, hostKey: String) -> UploadTarget {
        UploadTarget(
            url: server.url(name),
            username: server.user,
            privateKeyFile: server.clientKey,
            hostKeySHA256: hostKey
        )
    }

    @Test(.enabled(if: LoopbackSSHServer.isAvailable, "needs openssh-server"))
    func anSFTPUploadLandsWholeUnderItsNameWithTheHostKeyPinned() async throws {
        let server = try LoopbackSSHServer()
        let target = self.target(server, "google-merchant.xml", hostKey: server.hostKeyFingerprint)
        let sent = try await self.uploader.upload(self.feed, to: target)
        #expect(sent == Int64(self.contents.count))
        let landed = server.folder.appending(path: "google-merchant.xml")
        #expect(try Data(contentsOf: landed) == self.contents)
        // The temporary name it was written under is gone.
        #expect(
            !FileManager.default.fileExists(atPath: server.folder.appending(path: ".google-merchant.xml.part").path)
        )
        // Uploading again replaces the file.
        try Data("<rss/>".utf8).write(to: self.feed)
        _ = try await self.uploader.upload(self.feed, to: target)
        #expect(try String(contentsOf: landed, encoding: .utf8) == "<rss/>")
    }

    @Test(.enabled(if: LoopbackSSHServer.isAvailable, "needs openssh-server"))
    func anSFTPServerWithAnotherHostKeyIsNeverSentTheFile() async throws {
        let server = try LoopbackSSHServer()
        var target = self.target(server, "feed.xml", hostKey: server.otherFingerprint)
        await #expect(throws: TransportError.self) { try await self.uploader.upload(self.feed, to: target) }
        target.hostKeySHA256 = nil
        let error = await #expect(throws: TransportError.self) { try await self.uploader.upload(self.feed, to: target) }
        #expect(error?.code == .badRequest)
        #expect(!FileManager.default.fileExists(atPath: server.folder.appending(path: "feed.xml").path))
    }

    @Test func anHTTPUploadIsAPutWithBasicAuthenticationAndAnErrorStatusIsRefused() async throws {
        let server = try LoopbackServer { request in
            request.headers["authorization"] == "Basic b2NvcDpzZWNyZXQtcGFzcw=="
                ? .respond(status: 201, headers: [], body: Data())
                : .respond(status: 401, headers: [], body: Data("no".utf8))
        }
        var target = UploadTarget(url: server.url("/feeds/meta-catalog.xml"), username: "ocop", password: "secret-pass")
        #expect(try await self.uploader.upload(self.feed, to: target) == Int64(self.contents.count))
        let received = try #require(server.requests.first)
        #expect(received.method == "PUT" && received.path == "/feeds/meta-catalog.xml")
        #expect(received.body == self.contents)

        target.password = "wrong-pass"
        let error = await #expect(throws: TransportError.self) { try await self.uploader.upload(self.feed, to: target) }
        #expect(error?.code == .refused)
        #expect(error?.message.contains("HTTP 401") == true)
        #expect(error?.message.contains("wrong-pass") == false)
    }

    @Test func plainHTTPIsOnlyForLoopbackAndOtherSchemesAreRefused() async {
        for url in ["http://feeds.example.vn/feed.xml", "ftp://127.0.0.1/feed.xml", "file:///tmp/feed.xml"] {
            let error = await #expect(throws: TransportError.self) {
                try await self.uploader.upload(self.feed, to: UploadTarget(url: URL(string: url)!))
            }
            #expect(error?.code == .badRequest)
        }
    }
}
