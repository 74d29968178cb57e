import Foundation
import Operations
import Publishing
import Scheduling

/// `ocop-scheduler --status`: each job's last run, outcome and next fire time, in the job's time zone.
enum JobStatusTable {
    static func print(
        jobs: [Job],
        service: SchedulerService,
        connections: [ConnectionStatus],
        trees: [CategoryTreeStatus],
        now: Date
    ) throws {
        let header = ["JOB", "ACTION", "MARKETPLACES", "SCHEDULE", "LAST RUN", "OUTCOME", "NEXT RUN"]
        var rows = [header]
        var alarms: [String] = []
        for job in jobs {
            let history = try service.history(of: job)
            let last = history.latest.map { self.format($0.started, in: job.timeZone) } ?? "never"
            var outcome = history.latest?.status.rawValue ?? "-"
            if history.failureStreak > 1 { outcome += " (\(history.failureStreak) failures in a row)" }
            if history.failureStreak >= service.alarmAfterFailures, let message = history.latest?.message {
                alarms.append("error: \(job.name) keeps failing: \(message)")
            }
            let next =
                job.isDue(at: now, history: history)
                ? "due now"
                : job.schedule.nextFire(after: now, in: job.timeZone).map { self.format($0, in: job.timeZone) }
                    ?? "never"
            rows.append([
                job.name, job.action.rawValue, job.marketplaces.joined(separator: ","), job.schedule.text, last,
                outcome, next,
            ])
        }
        self.table(rows)
        if !connections.isEmpty {
            let zone = jobs.first?.timeZone ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
            var connected = [["CONNECTION", "SHOP", "RENEWED", "CONNECT AGAIN BY"]]
            for connection in connections {
                connected.append([
                    connection.marketplace, connection.shop, self.format(connection.renewed, in: zone),
                    connection.reconnectBy.map { self.format($0, in: zone) } ?? "-",
                ])
                if let warning = connection.warning(now: now, format: { self.format($0, in: zone) }) {
                    alarms.append("warning: \(warning)")
                }
            }
            Swift.print("")
            self.table(connected)
        }
        if !trees.isEmpty {
            let zone = jobs.first?.timeZone ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
            var synced = [["CATEGORY TREE", "SYNCED", "TRUSTED UNTIL"]]
            for tree in trees {
                synced.append([
                    tree.marketplace, self.format(tree.fetched, in: zone), self.format(tree.trustedUntil, in: zone),
                ])
                if let warning = tree.warning(now: now, format: { self.format($0, in: zone) }) {
                    alarms.append("warning: \(warning)")
                }
            }
            Swift.print("")
            self.table(synced)
        }
        for alarm in alarms { FileHandle.standardError.write(Data((alarm + "\n").utf8)) }
    }

    /// `rows` as columns padded to their widest cell.
    private static func table(_ rows: [[String]]) {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            Swift.print(
                zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            )
        }
    }

    /// `2026-11-30 02:00 +07 Asia/Ho_Chi_Minh`.
    static func format(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm xxx"
        return "\(formatter.string(from: date)) \(zone.identifier)"
    }
}
