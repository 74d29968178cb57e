// Benchmarks for OCOP Connect, run in release builds by `make bench`; never part of `make test`.
//
//     ocop-bench import --count N     generate N products, import them, print rows/s and peak memory,
//                                     beside `sqlite3 .import` of the same CSV into one table
import Foundation
import OCOPCatalog

/// The process's peak resident memory so far, in MiB (Linux reports `ru_maxrss` in KiB).
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func format(_ value: Double, _ decimals: Int = 2) -> String { String(format: "%.\(decimals)f", value) }

/// Times `sqlite3 DB ".import --csv FILE product"` into a fresh database: the floor for loading the same rows.
func sqliteImportSeconds(csv: URL, folder: URL) -> Double? {
    let database = folder.appending(path: "sqlite3-floor.sqlite")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [database.path, ".import --csv \(csv.path) product"]
    guard FileManager.default.fileExists(atPath: "/usr/bin/sqlite3") else { return nil }
    return try? seconds {
        try process.run()
        process.waitUntilExit()
    }
}

func benchmarkImport(count: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appending(
        path: "ocop-bench-\(getpid())",
        directoryHint: .isDirectory
    )
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appending(path: "catalog.csv")

    let generateTime = try seconds { try CatalogGenerator(seed: 1).write(count: count, to: csv) }
    let generatePeak = peakMemoryMiB()
    let size = (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int) ?? 0

    let database = try CatalogDatabase(path: folder.appending(path: "ocop.sqlite").path)
    var summary = ImportSummary()
    let importTime = try seconds { summary = try database.importCatalog(files: [csv]) }
    let importPeak = peakMemoryMiB()
    var reimport = ImportSummary()
    let reimportTime = try seconds { reimport = try database.importCatalog(files: [csv]) }
    let floor = sqliteImportSeconds(csv: csv, folder: folder)

    print("catalogue import, \(count) generated products (\(format(Double(size) / 1_048_576, 1)) MiB CSV)")
    print(
        "  generate            \(format(generateTime)) s   \(format(Double(count) / generateTime, 0)) rows/s   peak \(format(generatePeak, 1)) MiB"
    )
    print(
        "  import (new)        \(format(importTime)) s   \(format(Double(count) / importTime, 0)) rows/s   peak \(format(importPeak, 1)) MiB   created \(summary.created)"
    )
    print(
        "  import (unchanged)  \(format(reimportTime)) s   \(format(Double(count) / reimportTime, 0)) rows/s   peak \(format(peakMemoryMiB(), 1)) MiB   unchanged \(reimport.unchanged)"
    )
    if let floor {
        print(
            "  sqlite3 .import     \(format(floor)) s   \(format(Double(count) / floor, 0)) rows/s   (one table, no checks)"
        )
        print("  import / sqlite3    \(format(importTime / floor, 1))×")
    }
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.first == "import" else {
    print("usage: ocop-bench import [--count N]")
    exit(64)
}
var count = 100_000
if let index = arguments.firstIndex(of: "--count"), arguments.index(after: index) < arguments.endIndex,
    let value = Int(arguments[arguments.index(after: index)])
{
    count = value
}
try benchmarkImport(count: count)
