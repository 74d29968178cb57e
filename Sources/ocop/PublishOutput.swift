import FeedKit
import Foundation
import Groundwork
import Operations
import Publishing

/// Printing publish summaries and run history.
enum PublishOutput {
    static func print(_ summary: PublishSummary, marketplace: String, dryRun: Bool, language: Language) {
        let plan = summary.plan
        for item in plan.heldBack {
            for finding in item.findings {
                // `publish --all` interleaves marketplaces: each line names its own.
                Terminal.error(
                    LocalizedText(
                        en: "held back: \(marketplace): \(item.code): \(finding.attribute): \(finding.text.english)",
                        vi: "tạm giữ: \(marketplace): \(item.code): \(finding.text.vietnamese)"
                    ).text(in: language)
                )
            }
        }
        for outcome in summary.outcomes where !outcome.succeeded {
            let refusal = outcome.message ?? LocalizedText(en: "refused", vi: "bị từ chối").text(in: language)
            Terminal.error(
                LocalizedText(
                    en: "failed: \(marketplace): \(outcome.code): \(outcome.action.rawValue): \(refusal)",
                    vi: "thất bại: \(marketplace): \(outcome.code): \(outcome.action.words.vietnamese): \(refusal)"
                ).text(in: language)
            )
        }
        let actions = [PublishAction.create, .update, .delete, .refresh]
        let counts = LocalizedText(
            en: actions.map { "\(plan.count($0)) \($0.rawValue)" }.joined(separator: ", "),
            vi: actions.map { "\($0.words.vietnamese) \(plan.count($0))" }.joined(separator: ", ")
        )
        let line: LocalizedText
        if dryRun {
            line = LocalizedText(
                en: "\(marketplace) (dry run): would send \(counts.english); \(plan.unchanged) unchanged, "
                    + "\(plan.heldBack.count) held back",
                vi: "\(marketplace) (chạy thử): sẽ gửi: \(counts.vietnamese); không thay đổi \(plan.unchanged), "
                    + "tạm giữ \(plan.heldBack.count)"
            )
        } else {
            let deferred =
                plan.deferred.isEmpty
                ? LocalizedText(verbatim: "")
                : LocalizedText(
                    en: ", \(plan.deferred.count) wait for the next run (daily limit)",
                    vi: ", chờ lần chạy sau \(plan.deferred.count) (giới hạn mỗi ngày)"
                )
            let run = summary.run.map(String.init) ?? "-"
            line =
                LocalizedText(
                    en:
                        "\(marketplace): sent \(counts.english); \(plan.unchanged) unchanged, \(plan.heldBack.count) held "
                        + "back, \(summary.failed) failed",
                    vi: "\(marketplace): đã gửi: \(counts.vietnamese); không thay đổi \(plan.unchanged), tạm giữ "
                        + "\(plan.heldBack.count), thất bại \(summary.failed)"
                ) + deferred + LocalizedText(en: " (run \(run))", vi: " (lần chạy \(run))")
        }
        Swift.print(line.text(in: language))
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

    /// The runs, one line each, their start in the shop's time zone (`--json`: ISO 8601 in UTC, for scripts).
    static func printRuns(_ runs: [PublishRun], json: Bool, zone: TimeZone, language: Language) throws {
        if json {
            Swift.print(String(decoding: try self.runsJSON(runs), as: UTF8.self))
            return
        }
        for run in runs {
            let counts =
                run.action == "publish"
                ? LocalizedText(
                    en: "created \(run.created), updated \(run.updated), deleted \(run.deleted), refreshed "
                        + "\(run.refreshed), held back \(run.heldBack), failed \(run.failed)",
                    vi: "tạo mới \(run.created), cập nhật \(run.updated), gỡ \(run.deleted), làm mới "
                        + "\(run.refreshed), tạm giữ \(run.heldBack), thất bại \(run.failed)"
                )
                : LocalizedText(en: "held back \(run.heldBack)", vi: "tạm giữ \(run.heldBack)")
            let message = run.message.map { "\t\($0)" } ?? ""
            let started = ShopTime.text(run.started, in: zone, language: language)
            let status = run.status.words.text(in: language)
            Swift.print(  // a run's message may quote a marketplace's answer
                "\(run.id)\t\(run.marketplace)\t\(run.action)\t\(run.trigger)\t\(started)\t\(status)\t"
                    .terminalSafe + (counts.text(in: language) + message).terminalSafe
            )
        }
    }

    static func printRun(
        _ run: PublishRun,
        items: [ItemOutcome],
        json: Bool,
        zone: TimeZone,
        language: Language
    ) throws {
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
        try self.printRuns([run], json: false, zone: zone, language: language)
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
