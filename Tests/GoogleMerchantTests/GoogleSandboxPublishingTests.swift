import FeedKit
import Foundation
import GoogleMerchant
import Groundwork
import OCOPCatalog
import Publishing
import Sandbox
import TestSupport
import Testing
import Transport
import _CryptoExtras

@Suite(.timeLimit(.minutes(1))) struct GoogleSandboxPublishingTests {
    let folder: TemporaryFolder
    let key: _RSA.Signing.PrivateKey
    let credentialsFile: URL

    init() throws {
        self.folder = try TemporaryFolder()
        self.key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let json = JSONValue.object([
            ("type", .string("service_account")), ("client_email", .string("ocop@sandbox.iam.gserviceaccount.com")),
            ("private_key", .string(self.key.pemRepresentation)),
        ])
        self.credentialsFile = try self.folder.write("service-account.json", json.serialized)
    }

    var credentials: SandboxCredentials {
        SandboxCredentials(
            metaAccessToken: "unused",
            googleServiceAccount: ("ocop@sandbox.iam.gserviceaccount.com", self.key.publicKey.pemRepresentation)
        )
    }

    /// The sandbox's Merchant Center account, its token endpoint and the service account's key file.
    func account(_ base: URL, credentialsFile: URL? = nil) -> [String: String] {
        [
            "endpoint": base.appending(path: "google").absoluteString,
            "token_endpoint": base.appending(path: "google/token").absoluteString,
            "account": "123", "data_source": "456", "credentials_file": (credentialsFile ?? self.credentialsFile).path,
        ]
    }

    func publish(
        _ base: URL,
        database: CatalogDatabase,
        credentialsFile: URL? = nil,
        tokens: AccessTokenCache = AccessTokenCache()
    ) async throws -> PublishSummary {
        try await SandboxPublishing.publish(
            GoogleMerchantAdapter(),
            mapping: "google-merchant",
            account: self.account(base, credentialsFile: credentialsFile),
            database: database,
            tokens: tokens
        )
    }

    @Test func aStandInThatAnswersOKWithoutABatchAnswerPublishesNothing() async throws {
        let database = try Fixtures.sampleCatalog()
        var faults = FaultPlan.none
        faults.sentinelAnswers = true
        let (first, second) = try await withSandbox(credentials: self.credentials, faults: faults) { base in
            (try await self.publish(base, database: database), try await self.publish(base, database: database))
        }
        #expect(first.failed == 40 && first.outcomes.allSatisfy { !$0.succeeded })
        #expect(
            first.outcomes.first?.message
                == "unexpected answer from Google Merchant: HTTP 200 without a multipart/mixed batch answer; sent again next run"
        )
        #expect(second.plan.count(.create) == 40)
    }

    @Test func aRevokedCertificateDeletesTheProductInputFromItsDataSource() async throws {
        let (summary, state) = try await withSandbox(credentials: self.credentials) { base in
            try await SandboxPublishing.publishThenRevoke(
                GoogleMerchantAdapter(),
                mapping: "google-merchant",
                account: self.account(base),
                base: base,
                folder: self.folder
            )
        }
        #expect(summary.plan.count(.delete) == 1 && summary.failed == 0 && summary.outcomes.count == 1)
        #expect(state["items"]?["DMC-MC-500"] == nil && state["items"]?["DMC-MC-1KG"] != nil)
    }

    @Test func callsTravelInBatchesAndOneTokenServesRunsUntilItNearsExpiry() async throws {
        let database = try Fixtures.sampleCatalog()
        let cache = AccessTokenCache()
        let (first, state, tokens) = try await withSandbox(credentials: self.credentials) { base in
            let first = try await self.publish(base, database: database, tokens: cache)
            try self.reimportWithOnePriceChanged(database)
            _ = try await self.publish(base, database: database, tokens: cache)
            let state = try await SandboxPublishing.state(base, "google-merchant")
            return (first, state, try await SandboxPublishing.state(base, "google-token"))
        }
        // 40 inserts in one batch request, then one update in another; each call counted on its own
        #expect(first.plan.count(.create) == 40 && first.failed == 0)
        #expect(state["requests"] == .number("2"))
        #expect(state["calls"] == .number("41"))
        // and the second run reused the first run's token
        #expect(tokens["requests"] == .number("1"))
    }

    func reimportWithOnePriceChanged(_ database: CatalogDatabase) throws {
        try SandboxPublishing.changePrice(in: database, folder: try TemporaryFolder())
    }

    @Test func theServiceAccountFlowInsertsEveryValidProductAndASecondRunSendsNothing() async throws {
        let database = try Fixtures.sampleCatalog()
        let (first, second, state) = try await withSandbox(credentials: self.credentials) { base in
            let first = try await self.publish(base, database: database)
            let second = try await self.publish(base, database: database)
            return (first, second, try await SandboxPublishing.state(base, "google-merchant"))
        }
        #expect(first.failed == 0, "\(first.outcomes.filter { !$0.succeeded })")
        #expect(first.plan.count(.create) == 40)
        #expect(second.plan.changes.isEmpty)
        guard case .object(let items)? = state["items"] else {
            Issue.record("no sandbox state")
            return
        }
        #expect(items.count == 40)
        #expect(
            items.first { $0.0 == "KC-CHON-250" }?.1["productAttributes"]?["price"]?["amountMicros"]
                == .string("1250000000000")
        )
        let ledger = try database.ledger(marketplace: "google-merchant")
        #expect(ledger["KC-CHON-250"]?.remoteID == "accounts/123/productInputs/vi~VN~KC-CHON-250")
    }

    @Test func aKeyTheSandboxDoesNotKnowIsRefusedAsAnInvalidSignature() async throws {
        let stranger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let json = JSONValue.object([
            ("client_email", .string("ocop@sandbox.iam.gserviceaccount.com")),
            ("private_key", .string(stranger.pemRepresentation)),
        ])
        let file = try self.folder.write("stranger.json", json.serialized)
        let database = try Fixtures.sampleCatalog()
        let error = try await withSandbox(credentials: self.credentials) { base in
            await #expect(throws: PublishingError.self) {
                try await self.publish(base, database: database, credentialsFile: file)
            }
        }
        #expect(error?.message == "google-merchant: the service account was refused: Invalid JWT Signature.")
        #expect(try database.ledger(marketplace: "google-merchant").isEmpty)
    }

    @Test func theAssertionIsAnRS256JWTForTheContentScope() throws {
        let token = try ServiceAccountAssertion.make(
            file: self.credentialsFile.path,
            audience: "https://oauth2.googleapis.com/token"
        )
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        #expect(GoogleSandboxPublishingTests.decode(parts[0]) == #"{"alg":"RS256","typ":"JWT"}"#)
        #expect(
            GoogleSandboxPublishingTests.decode(parts[1]).contains(
                #""scope":"https://www.googleapis.com/auth/content""#
            )
        )
    }

    static func decode(_ part: Substring) -> String {
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
    }
}

@Suite struct GoogleRefreshTests {
    @Test func unchangedListingsAreSentAgainFiveDaysBeforeGoogleExpiresThem() throws {
        let fresh = try SandboxPublishing.planAfter(days: 24, GoogleMerchantAdapter(), mapping: "google-merchant")
        #expect(fresh.changes.isEmpty && fresh.unchanged == 40)
        let stale = try SandboxPublishing.planAfter(days: 26, GoogleMerchantAdapter(), mapping: "google-merchant")
        #expect(stale.count(.refresh) == 40 && stale.unchanged == 0)
    }
}
