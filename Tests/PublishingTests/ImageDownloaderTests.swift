import Foundation
import Publishing
import TestSupport
import Testing
import Transport

/// An image URL on the machine itself or the office's network is not fetched unless the configuration names
/// its host; the mirror, being the configuration's own, is fetched as given.
@Suite struct ImageDownloaderTests {
    func downloader(_ values: [String: String]) -> ImageDownloader {
        ImageDownloader(client: CurlClient(), account: MarketplaceAccount(marketplace: "shopee", values: values))
    }

    @Test func aLoopbackImageIsRefusedUnlessItsHostIsAllowedOrTheMirrorServesIt() async throws {
        let (refused, allowed, mirrored) = try await withSandbox { base in
            let address = base.appending(path: "images/anh/kc-1.jpg").absoluteString
            let refused: String?
            do {
                _ = try await self.downloader([:]).image(at: address)
                refused = nil
            } catch {
                refused = (error as? ItemFailure)?.message ?? "\(error)"
            }
            let allowed = try await self.downloader(["allowed_image_hosts": "cdn.example.vn, 127.0.0.1"]).image(
                at: address
            )
            let mirror = ["image_mirror": base.appending(path: "images").absoluteString]
            let mirrored = try await self.downloader(mirror).image(at: "https://cdn.ocop.example.vn/anh/kc-1.jpg")
            return (refused, allowed, mirrored)
        }
        #expect(refused?.contains("is on a loopback address, which publishing does not fetch from") == true)
        #expect(refused?.hasSuffix("name 127.0.0.1 in allowed_image_hosts") == true)
        #expect(allowed.contentType == "image/png" && mirrored.data == allowed.data)
    }
}
