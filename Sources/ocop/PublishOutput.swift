import FeedKit
import Foundation
import Publishing

/// Printing publish summaries and run history.
enum PublishOutput {
    static func print(_ summary: PublishSummary, marketplace: String, dryRun: Bool) {
        let plan = summary.plan
        for item in plan.heldBack {
            for finding in item.findings {
                // `publish --all` interleaves marketplaces: each line names its own.
                Terminal.error("held back: \(marketplace): \(item.code): \(finding.attribute): \(finding.message)")
            }
        }
        for outcome in summary.outcomes where !outcome.succeeded {
            Terminal.error(
                "failed: \(marketplace): \(outcome.code): \(outcome.action.rawValue): \(outcome.message ?? "refused")"
            )
        }
        let counts = [PublishAction.create, .update, .delete, .refresh].map { "\(plan.count($0)) \($0.rawValue)" }
        if dryRun {
            Swift.print(
                "\(marketplace) (dry run): would send \(counts.joined(separator: ", ")); \(plan.unchanged) unchanged, \(plan.heldBack.count) held back"
            )
        } else {
            Swift.print(
                "\(marketplace): sent \(counts.joined(separator: ", ")); \(plan.unchanged) unchanged, \(plan.heldBack.count) held back, \(summary.failed) failed\(plan.deferred.isEmpty ? "" : ", \(plan.deferred.count) wait for the next run (daily limit)") (run \(summary.run.map(String.init) ?? "-"))"
            )
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// The runs as `runs --json` prints them.
    static func runsJSON(_ runs: [PublishRun]) throws -> Data {
        try self.encoder.encode(runs)
    }

    static func printRuns(_ runs: [PublishRun], json: Bool) throws {
        if json {
            Swift.print(String(decoding: try self.runsJSON(runs), as: UTF8.self))
            return
        }
        for run in runs {
            let counts =
                run.action == "publish"
                ? "created \(run.created), updated \(run.updated), deleted \(run.deleted), refreshed \(run.refreshed), held back \(run.heldBack), failed \(run.failed)"
                : "held back \(run.heldBack)"
            let message = run.message.map { "\t\($0)" } ?? ""
            Swift.print(  // a run's message may quote a marketplace's answer
                "\(run.id)\t\(run.marketplace)\t\(run.action)\t\(run.trigger)\t\(run.started.formatted(.iso8601))\t\(run.status)\t\(counts)\(message)"
                    .terminalSafe
            )
        }
    }

    static func printRun(_ run: PublishRun, items: [ItemOutcome], json: Bool) throws {
        if json {
            struct Detailed: Encodable {
                var run: PublishRun
                var items: [ItemOutcome]
                func encode(to encoder: any Encoder) throws {
                    try self.run.encode(to: encoder)
                    var container = encoder.container(keyedBy: Key.self)
                    try container.encode(self.items.map(Item.init), forKey: Key(stringValue: "items")!)
                }
            }
            Swift.print(String(decoding: try self.encoder.encode(Detailed(run: run, items: items)), as: UTF8.self))
            return
        }
        try self.printRuns([run], json: false)
        for item in items {
            Swift.print(
                "  \(item.code)\t\(item.action.rawValue)\t\(item.succeeded ? "succeeded" : "failed")\t\(item.remoteItemID ?? "")\t\(item.message ?? "")"
                    .terminalSafe
            )
        }
    }

    /// `{item, action, outcome, remote_id, message}` (DESIGN §6).
    private struct Item: Encodable {
        var item: String
        var action: String
        var outcome: String
        var remote_id: String?
        var message: String?

        init(_ outcome: ItemOutcome) {
            self.item = outcome.code
            self.action = outcome.action.rawValue
            self.outcome = outcome.succeeded ? "succeeded" : "failed"
            self.remote_id = outcome.remoteItemID
            self.message = outcome.message
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
