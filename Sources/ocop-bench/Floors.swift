// The peers each step of issue 17 is measured against, and the table that sets them side by side.
import Foundation

/// One step of ours beside the same work done by a plain tool (the floor), in CPU seconds.
struct Comparison {
    var step: String
    var ours: Runs
    var peer: String
    /// `nil` when the peer could not run here (not installed); the line says so.
    var floor: Runs?
    /// The ratio the issue asks for, ours ÷ floor, in CPU time.
    var target: Double
}

/// The runs of one side of a comparison; the median run (by CPU time) is the one compared.
struct Runs {
    var all: [Measurement]

    /// The run with the median CPU time (the lower middle one of an even count).
    var median: Measurement {
        self.all.sorted { $0.cpuSeconds < $1.cpuSeconds }[(self.all.count - 1) / 2]
    }

    /// The least and most CPU time of the runs, as text.
    var range: String {
        let seconds = self.all.map(\.cpuSeconds)
        return String(format: "%.2f–%.2f", seconds.min() ?? 0, seconds.max() ?? 0)
    }
}

/// Runs `ours` and then `peer` (when there is one) in turn, `times` times each: a moment's load on the machine
/// then weighs on both sides alike, and each side's median run is compared. A single run here moves by ±10%,
/// enough to put a ratio on either side of its target.
func alternate(
    _ times: Int,
    ours: () -> Measurement,
    peer: (() -> Measurement)?
) -> (ours: Runs, peer: Runs?) {
    var mine: [Measurement] = []
    var theirs: [Measurement] = []
    for _ in 0..<max(times, 1) {
        mine.append(ours())
        guard let peer else { continue }
        theirs.append(peer())
    }
    return (Runs(all: mine), peer == nil ? nil : Runs(all: theirs))
}

/// Prints the comparisons as one table: the median run's CPU seconds (user + system, from wait4) of ours and of
/// the peer, their ratio, the target, the range of every run, and peak memory of ours.
func printComparisons(_ comparisons: [Comparison], count: Int) {
    let runs = comparisons.first?.ours.all.count ?? 0
    print("— floors at \(count) products: CPU seconds (user+sys), median of \(runs) alternated runs, ours ÷ peer —")
    print(
        "step".padding(toLength: 36, withPad: " ", startingAt: 0)
            + "    ours     peer    ratio  target  ours peak  ours range  peer range  peer"
    )
    for comparison in comparisons {
        let ours = comparison.ours.median
        let cpu = String(format: "%8.2f", ours.cpuSeconds)
        let step = comparison.step.padding(toLength: 36, withPad: " ", startingAt: 0)
        let peak = String(format: "%7.1f MiB", ours.peakMiB)
        let target = String(format: "≤%5.2fx", comparison.target)
        guard let floorRuns = comparison.floor, floorRuns.all.allSatisfy({ $0.status == 0 }),
            floorRuns.median.cpuSeconds > 0
        else {
            print("\(step)\(cpu)        —        —  \(target)  \(peak)  \(comparison.peer): peer unavailable")
            continue
        }
        let floor = floorRuns.median
        let ratio = ours.cpuSeconds / floor.cpuSeconds
        let verdict = ratio <= comparison.target ? "" : "  (over target)"
        print(
            "\(step)\(cpu)" + String(format: " %8.2f %7.2fx", floor.cpuSeconds, ratio)
                + "  \(target)  \(peak)  \(comparison.ours.range)  \(floorRuns.range)  \(comparison.peer)\(verdict)"
        )
    }
}

/// `tool` found on `PATH` (then in the usual folders), or `nil`.
func which(_ tool: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin"]
    return folders.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// A Python 3 that has lxml (the export's peer), or `nil` when none does.
func pythonWithLXML() -> String? {
    guard let python = which("python3") else { return nil }
    return measure(python, ["-c", "import lxml.etree"]).status == 0 ? python : nil
}
