import Foundation
import Publishing
import TestSupport
import Testing
import Transport

/// The sandbox's image host answers as image servers do: the whole file, or the bytes a `Range` asks for with
/// 206 and the file's size; a range it cannot serve gets the whole file, never a crash.
@Suite struct SandboxImagesTests {
    @Test(arguments: [
        ("bytes=0-99", 206, 100), ("bytes=100-50", 200, nil), ("bytes=5-", 206, nil), ("items=0-9", 200, nil),
    ])
    func aRangeIsServedWhenItCanBe(range: String, status: Int, length: Int?) async throws {
        let (response, whole) = try await withSandbox { base in
            let url = base.appending(path: "images/anh/kc-1.jpg")
            let part = try await CurlClient().send(HTTPRequest(url: url, headers: [("Range", range)]))
            return (part, try await CurlClient().send(HTTPRequest(url: url)).body)
        }
        #expect(response.status == status)
        #expect(ImageHeader(whole) == ImageHeader(format: .png, width: 800, height: 800))
        if let length { #expect(response.body.count == length) }
        if status == 206 {
            #expect(response.header("Content-Range")?.hasSuffix("/\(whole.count)") == true)
        } else {
            #expect(response.body == whole)
        }
    }
}
