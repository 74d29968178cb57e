// The peers each step of issue 17 is measured against, and the table that sets them side by side.
import Foundation

/// One step of ours beside the same work done by a plain tool (the floor), in CPU seconds.
struct Comparison {
    var step: String
    var ours: Measurement
    var peer: String
    /// `nil` when the peer could not run here (not installed); the line says so.
    var floor: Measurement?
    /// The ratio the issue asks for, ours ÷ floor, in CPU time.
    var target: Double
}

/// Prints the comparisons as one table: CPU seconds (user + system, from wait4) of ours and of the peer, their
/// ratio, the target, and peak memory of ours.
func printComparisons(_ comparisons: [Comparison], count: Int) {
    print("— floors at \(count) products: CPU seconds (user+sys), ours ÷ peer —")
    print(
        "step".padding(toLength: 36, withPad: " ", startingAt: 0)
            + "    ours     peer    ratio  target  ours peak  peer"
    )
    for comparison in comparisons {
        let ours = String(format: "%8.2f", comparison.ours.cpuSeconds)
        let step = comparison.step.padding(toLength: 36, withPad: " ", startingAt: 0)
        let peak = String(format: "%7.1f MiB", comparison.ours.peakMiB)
        let target = String(format: "≤%5.2fx", comparison.target)
        guard let floor = comparison.floor, floor.status == 0, floor.cpuSeconds > 0 else {
            print("\(step)\(ours)        —        —  \(target)  \(peak)  \(comparison.peer): peer unavailable")
            continue
        }
        let ratio = comparison.ours.cpuSeconds / floor.cpuSeconds
        let verdict = ratio <= comparison.target ? "" : "  (over target)"
        print(
            "\(step)\(ours)" + String(format: " %8.2f %7.2fx", floor.cpuSeconds, ratio)
                + "  \(target)  \(peak)  \(comparison.peer)\(verdict)"
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
