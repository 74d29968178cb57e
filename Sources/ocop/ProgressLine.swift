import Foundation
import Groundwork
import Synchronization

/// How far long work has got, told to the person waiting: on a terminal one line rewritten in place with
/// done/total and the time left; elsewhere (a log, a pipe) a plain line at most every 10 seconds, so short
/// work prints nothing and long work leaves a trace.
final class ProgressLine: Sendable {
    private let label: String
    private let unit: LocalizedText
    private let language: Language
    private let total: Int?
    private let started = ContinuousClock.now
    private let lastPlainLine = Mutex<ContinuousClock.Instant?>(nil)

    /// A progress line for `total` (when known) `unit`s of `label`'s work, in `language`.
    init(_ label: String, total: Int?, unit: LocalizedText, language: Language) {
        self.label = label
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        self.unit = unit
        self.language = language
    }

    /// Tells that `done` units are done.
    func update(_ done: Int) {
        let now = ContinuousClock.now
        if Terminal.showsProgress {
            Terminal.progress(self.text(done, at: now))
            return
        }
        let due = self.lastPlainLine.withLock { last -> Bool in
            guard now - (last ?? self.started) >= .seconds(10) else { return false }
            last = now
            return true
        }
        if due { Terminal.error(self.text(done, at: now)) }
    }

    /// Ends the line on a terminal.
    func finish() {
        Terminal.endProgress()
    }

    /// `lazada: 12,000/40,000 items (30%), about 25 s left`.
    func text(_ done: Int, at now: ContinuousClock.Instant) -> String {
        let unit = self.unit.text(in: self.language)
        guard let total = self.total else { return "\(self.label): \(done) \(unit)…" }
        let elapsed =
            Double((now - self.started).components.seconds)
            + Double((now - self.started).components.attoseconds) / 1e18
        let fraction = min(1, Double(done) / Double(total))
        var text = "\(self.label): \(done)/\(total) \(unit) (\(Int(fraction * 100))%)"
        if fraction > 0.01, elapsed >= 1 {
            let left = Int((elapsed / fraction - elapsed).rounded())
            let time = left >= 60 ? "\(left / 60) min \(left % 60) s" : "\(left) s"
            text += LocalizedText(en: ", about \(time) left", vi: ", còn khoảng \(time)").text(in: self.language)
        }
        return text
    }
}
