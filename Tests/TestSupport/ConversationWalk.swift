import FeedKit
import Foundation
import OCOPCatalog
public import Publishing

/// A multi-call conversation walked without a server: each call answered by a script, each image by a small
/// JPEG, each wait at once.
public struct ConversationWalk: Sendable {
    /// What was asked, in order: `POST /path` for a call, `download URL`, `wait 1.0 seconds`.
    public var steps: [String] = []
    /// The calls themselves, in order.
    public var calls: [MarketplaceCall] = []
    /// The step that ended the conversation: `.succeeded`, `.failed` or `.stop`.
    public var end: ItemStep

    /// Walks `conversation` to its end (at most 100 steps), answering each call with `answer`.
    public init<Conversation: ItemConversation>(
        _ conversation: Conversation,
        answer: (MarketplaceCall) -> StepAnswer
    ) {
        var conversation = conversation
        var steps: [String] = []
        var calls: [MarketplaceCall] = []
        var reply: StepAnswer? = nil
        var step = conversation.next(after: nil)
        for _ in 0..<100 {
            switch step {
            case .call(let call):
                steps.append("\(call.method) \(call.path)")
                calls.append(call)
                reply = answer(call)
            case .download(let url):
                steps.append("download \(url)")
                reply = .image(Self.image)
            case .wait(let duration):
                steps.append("wait \(duration)")
                reply = .waited
            case .succeeded, .failed, .stop:
                self.steps = steps
                self.calls = calls
                self.end = step
                return
            }
            step = conversation.next(after: reply)
        }
        self.steps = steps
        self.calls = calls
        self.end = .failed(ItemFailure("the conversation did not end in 100 steps"))
    }

    /// The references the conversation ended with: what a success holds, or what a failure keeps.
    public var references: RemoteReferences? {
        switch self.end {
        case .succeeded(let references, _): references
        case .failed(let failure): failure.references
        default: nil
        }
    }

    /// The failure's message, when the conversation failed.
    public var failure: String? {
        if case .failed(let failure) = self.end { return failure.message }
        return nil
    }

    /// A JPEG's first bytes: enough for the marketplaces' type checks.
    public static let image = DownloadedImage(
        data: Data([0xFF, 0xD8, 0xFF, 0xE0]),
        fileName: "image.jpg",
        contentType: "image/jpeg"
    )

    /// A change of `code` with `action`, its listing holding `values` (`image` may repeat), the ledger's
    /// `references`.
    public static func change(
        _ code: String,
        _ action: PublishAction,
        values: [(String, String)] = [],
        references: RemoteReferences? = nil
    ) -> PlannedChange {
        var listing = Listing(id: code)
        for (key, value) in values { listing.add(key, value) }
        return PlannedChange(
            code: code,
            action: action,
            listing: action == .delete ? nil : listing,
            contentHash: action == .delete ? nil : listing.contentHash,
            remoteID: references?.ledgerText
        )
    }
}
