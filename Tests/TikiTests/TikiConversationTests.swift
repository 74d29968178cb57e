import Groundwork
import OCOPCatalog
import Publishing
import TestSupport
import Testing
import Tiki

/// Tiki's calls for one product, walked as a value: the review is followed with waits the core makes.
@Suite struct TikiConversationTests {
    let account = try? TikiAdapter().account(
        MarketplaceAccount(marketplace: "tiki", values: ["endpoint": "http://127.0.0.1:1/tiki", "access_token": "t"])
    )

    func walk(_ adapter: TikiAdapter, _ change: PlannedChange, states: [String]) throws -> ConversationWalk {
        let account = try #require(self.account)
        var states = states[...]
        return ConversationWalk(adapter.conversation(for: change, account: account)) { call in
            switch call.path {
            case "/v1/requests": return .data(.object([("track_id", .string("T-1"))]))
            case "/v1/tracking/T-1":
                let state = states.popFirst() ?? "queuing"
                return .data(.object([("state", .string(state)), ("product_id", .number("77"))]))
            default: return .data(.object([]))
            }
        }
    }

    static let product = [("sku", "KC-1"), ("price", "185000"), ("quantity", "3")]

    @Test func aRequestIsFollowedWithGrowingWaitsUntilTikiApprovesIt() throws {
        let walk = try self.walk(
            TikiAdapter(),
            ConversationWalk.change("KC-1", .create, values: Self.product),
            states: ["queuing", "processing", "approved"]
        )
        #expect(
            walk.steps == [
                "POST /v1/requests", "GET /v1/tracking/T-1", "wait 1.0 seconds", "GET /v1/tracking/T-1",
                "wait 2.0 seconds", "GET /v1/tracking/T-1",
            ]
        )
        #expect(walk.references?.item == "77" && walk.references?.request == nil)
    }

    @Test func aRequestStillUnderReviewKeepsItsTrackIDForTheNextRun() throws {
        let first = try self.walk(
            TikiAdapter(trackingChecks: 2),
            ConversationWalk.change("KC-1", .create, values: Self.product),
            states: []
        )
        #expect(first.failure?.contains("still reviewing product request T-1") == true)
        #expect(first.references?.request == "T-1")
        let next = try self.walk(
            TikiAdapter(),
            ConversationWalk.change("KC-1", .create, values: Self.product, references: first.references),
            states: ["approved"]
        )
        #expect(next.steps == ["GET /v1/tracking/T-1"])  // the same request, not a new one
    }

    @Test func aRejectedRequestIsForgottenSoTheNextRunSendsANewOne() throws {
        let walk = try self.walk(
            TikiAdapter(),
            ConversationWalk.change("KC-1", .create, values: Self.product),
            states: ["rejected"]
        )
        #expect(walk.failure?.hasPrefix("Tiki rejected product request T-1") == true)
        #expect(walk.references?.request == nil)
    }

    @Test func aProductTikiHasGetsOneUpdateSKUAndAWithdrawnOneIsDeactivated() throws {
        let known = RemoteReferences(item: "77")
        let update = try self.walk(
            TikiAdapter(),
            ConversationWalk.change("KC-1", .update, values: Self.product, references: known),
            states: []
        )
        #expect(update.steps == ["POST /v1/products/updateSku"])
        #expect(
            update.end
                == .succeeded(
                    known,
                    message: "price and stock updated; Tiki keeps the name, description and attributes it approved"
                )
        )
        let withdrawn = try self.walk(
            TikiAdapter(),
            ConversationWalk.change("KC-1", .delete, references: known),
            states: []
        )
        #expect(withdrawn.steps == ["POST /v1/products/updateSku"] && withdrawn.end == .succeeded(nil))
        #expect(
            withdrawn.calls.first?.body
                == .json(.object([("original_sku", .string("KC-1")), ("active", .number("0"))]))
        )
    }
}
