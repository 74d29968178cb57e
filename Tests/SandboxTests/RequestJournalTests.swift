import Foundation
import Groundwork
import Sandbox
import TestSupport
import Testing
import Transport

@Suite(.timeLimit(.minutes(1))) struct RequestJournalTests {
    @Test func everyRequestIsRecordedWithItsBodyAndTheSimulatorStillAnswersIt() async throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appending(path: "requests.jsonl")
        let journal = try RequestJournal(writingTo: file)
        let body = #"{"item_type":"PRODUCT_ITEM","requests":[]}"#
        let response = try await withSandbox(journal: journal) { base in
            _ = try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/meta-catalog")))
            return try await CurlClient().send(
                HTTPRequest(
                    method: "POST",
                    url: URL(string: base.absoluteString + "/graph/v21.0/789/items_batch?debug=all")!,
                    headers: [("Authorization", "Bearer stolen"), ("Content-Type", "application/json")],
                    body: Data(body.utf8)
                )
            )
        }
        #expect(response.status == 401)  // the simulator read the same request after the journal did
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let post = try JSONValue.parse(Data(lines[1].utf8))
        #expect(post["method"] == .string("POST") && post["path"] == .string("/graph/v21.0/789/items_batch"))
        #expect(post["query"] == .string("debug=all") && post["headers"]?["authorization"] == .string("Bearer stolen"))
        #expect(post["authority"]?.text?.hasPrefix("127.0.0.1:") == true)
        #expect(post["body_base64"]?.text.flatMap { Data(base64Encoded: $0) } == Data(body.utf8))
    }
}
