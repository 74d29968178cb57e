// Benchmarks for OCOP Connect, run in release builds by `make bench`; never part of `make test`.
//
//     ocop-bench [--count N]... [--runs R] [--only serve]
//
// For each N: generates N products, then times the real `ocop` commands as child processes (import, a
// no-change re-import, feed export and feed validate in both formats) beside `sqlite3 .import` of the same
// CSV, a Python lxml script writing the Google feed straight from the CSV (scripts/bench/google_feed_lxml.py),
// and `xmllint --stream --schema` of the same XML feed. Each line gives wall time, CPU time (user + system),
// items/s and the child's own peak resident memory (all from wait4), so one phase's memory never hides
// another's; a table then sets each step's CPU time beside its peer's, with the ratio and issue 17's target.
// The compared steps and their peers run R times in turn (default 5) and the medians are compared.
// Then `ocop report` (time and the size of the page a person opens), publishing, and `ocop serve` under hostile
// load (ServeLoad.swift).
import Foundation

/// What one child process took.
struct Measurement {
    var seconds: Double
    /// User plus system CPU time of the child (and its own children), from wait4.
    var cpuSeconds: Double
    var peakMiB: Double
    var status: Int32
}

/// Runs `executable` with `arguments` (absolute paths), output discarded, and measures it.
func measure(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> Measurement {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let start = ContinuousClock.now
    let variables =
        ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { variables.forEach { free($0) } }
    guard posix_spawn(&pid, executable, &actions, nil, argv, variables) == 0 else {
        return Measurement(seconds: 0, cpuSeconds: 0, peakMiB: 0, status: -1)
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let cpu = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return Measurement(
        seconds: seconds,
        cpuSeconds: cpu(usage.ru_utime) + cpu(usage.ru_stime),
        peakMiB: Double(usage.ru_maxrss) / 1024,
        status: (status >> 8) & 0xFF
    )
}

func line(_ label: String, _ measurement: Measurement, items: Int) {
    let rate = measurement.seconds > 0 ? String(format: "%9.0f items/s", Double(items) / measurement.seconds) : ""
    let failed = measurement.status == 0 ? "" : "   (exit \(measurement.status))"
    print(
        label.padding(toLength: 34, withPad: " ", startingAt: 0)
            + String(format: "%8.2f s  %7.2f s CPU  ", measurement.seconds, measurement.cpuSeconds) + rate
            + String(format: "   peak %7.1f MiB", measurement.peakMiB) + failed
    )
}

/// Starts `ocop sandbox --port 0` and reads the port it reports.
func startSandbox(googleKey: String) -> (process: Process, port: Int)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ocop)
    process.arguments = ["sandbox", "--port", "0", "--write-google-key", googleKey]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    var text = ""
    while !text.contains("\n") {
        let data = output.fileHandleForReading.availableData
        guard !data.isEmpty else { return nil }
        text += String(decoding: data, as: UTF8.self)
    }
    guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
        let port = Int(text[range].split(separator: ":").last ?? "")
    else { return nil }
    return (process, port)
}

let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
let ocop = binaries.appending(path: "ocop").path
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let config = repository.appending(path: "samples/ocop.yaml").path

var counts: [Int] = []
/// `--only serve` runs the import and the serve load alone.
var only: String?
/// How many times each compared step and its peer run (`--runs`).
var runs = 5
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--count", let value = arguments.popFirst().flatMap(Int.init) { counts.append(value) }
    if argument == "--runs", let value = arguments.popFirst().flatMap(Int.init) { runs = max(value, 1) }
    if argument == "--only" { only = arguments.popFirst() }
}
if counts.isEmpty { counts = [100_000] }

for count in counts {
    let folder = FileManager.default.temporaryDirectory.appending(
        path: "ocop-bench-\(getpid())-\(count)",
        directoryHint: .isDirectory
    )
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func path(_ name: String) -> String { folder.appending(path: name).path }
    let common = ["--config", config, "--catalog", path("catalog.sqlite")]
    print("— \(count) generated products —")
    line(
        "generate CSV",
        measure(ocop, ["catalog", "generate", "--count", String(count), "--output", path("catalog.csv")]),
        items: count
    )
    // Each run imports into a new catalogue, as the peer imports into a new database; the last run's catalogue
    // stays for the steps after.
    func removeDatabase(_ name: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path(name + suffix)) }
    }
    let (imported, sqliteImport) = alternate(
        only == "serve" ? 1 : runs,
        ours: {
            removeDatabase("catalog.sqlite")
            return measure(ocop, ["catalog", "import"] + common + [path("catalog.csv")])
        },
        peer: which("sqlite3").map { sqlite3 in
            {
                removeDatabase("floor.sqlite")
                return measure(sqlite3, [path("floor.sqlite"), ".import --csv \(path("catalog.csv")) product"])
            }
        }
    )
    line("catalog import (new)", imported.median, items: count)
    if only == "serve" {
        try ServeLoad(ocop: ocop, folder: folder, catalog: path("catalog.sqlite"), products: count).run()
        continue
    }
    line(
        "catalog import (unchanged)",
        measure(ocop, ["catalog", "import"] + common + [path("catalog.csv")]),
        items: count
    )
    var comparisons: [Comparison] = []
    if let sqliteImport { line("sqlite3 .import --csv (floor)", sqliteImport.median, items: count) }
    comparisons.append(
        Comparison(
            step: "catalog import",
            ours: imported,
            peer: "sqlite3 .import --csv",
            floor: sqliteImport,
            target: 3
        )
    )
    for format in ["xml", "json"] {
        let file = path("google-merchant.\(format == "xml" ? "xml" : "jsonl")")
        let export = ["feed", "export", "google-merchant", "--format", format, "--output", file] + common
        guard format == "xml" else {
            line("feed export \(format)", measure(ocop, export), items: count)
            line(
                "feed validate \(format)",
                measure(ocop, ["feed", "validate", "google-merchant", file] + common),
                items: count
            )
            continue
        }
        let script = repository.appending(path: "scripts/bench/google_feed_lxml.py").path
        let (exported, lxml) = alternate(
            runs,
            ours: { measure(ocop, export) },
            peer: pythonWithLXML().map { python in
                { measure(python, [script, path("catalog.csv"), path("lxml-google.xml")]) }
            }
        )
        line("feed export \(format)", exported.median, items: count)
        if let lxml { line("python lxml script (floor)", lxml.median, items: count) }
        comparisons.append(
            Comparison(
                step: "feed export google-merchant xml",
                ours: exported,
                peer: "python3 lxml script",
                floor: lxml,
                target: 1
            )
        )
        let schema = repository.appending(path: "Adapters/GoogleMerchant/Schemas/rss.xsd").path
        let (validated, xmllint) = alternate(
            runs,
            ours: { measure(ocop, ["feed", "validate", "google-merchant", file] + common) },
            peer: which("xmllint").map { xmllint in
                { measure(xmllint, ["--stream", "--noout", "--schema", schema, file]) }
            }
        )
        line("feed validate \(format)", validated.median, items: count)
        if let xmllint { line("xmllint --stream --schema (floor)", xmllint.median, items: count) }
        comparisons.append(
            Comparison(
                step: "feed validate google-merchant xml",
                ours: validated,
                peer: "xmllint --stream --noout --schema",
                floor: xmllint,
                target: 1.3
            )
        )
    }
    let reportFile = path("readiness.html")
    let reported = measure(ocop, ["report", "--output", reportFile] + common)
    line("ocop report", reported, items: count)
    let pageBytes = (try? URL(fileURLWithPath: reportFile).resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? 0
    print(
        String(
            format: "ocop report: %.2f s wall, %.2f s CPU (target < 10 s), page %.3f MB (target < 2 MB), peak %.0f MiB",
            reported.seconds,
            reported.cpuSeconds,
            Double(pageBytes) / 1_000_000,
            reported.peakMiB
        )
    )
    printComparisons(comparisons, count: count)
    // Publishing to the sandbox: a first run sends every valid item, a second finds nothing to send.
    if let sandbox = startSandbox(googleKey: path("google-key.json")) {
        let port = sandbox.port
        let publishConfig = path("publish.yaml")
        try """
        catalog: \(path("catalog.sqlite"))
        shop: { base_url: "https://ocop.daklak.example.vn" }
        marketplaces:
          meta-catalog: { endpoint: "http://127.0.0.1:\(port)/graph/v21.0", catalog_id: "789", access_token: "${META_ACCESS_TOKEN}" }
          google-merchant: { endpoint: "http://127.0.0.1:\(port)/google", token_endpoint: "http://127.0.0.1:\(port)/google/token",
                             account: "123", data_source: "456", credentials_file: "\(path("google-key.json"))" }
          woocommerce: { endpoint: "http://127.0.0.1:\(port)/woocommerce/wp-json/wc/v3", consumer_key: ck_sandbox,
                         consumer_secret: cs_sandbox }
          shopee: { endpoint: "http://127.0.0.1:\(port)/shopee", partner_id: 2001887, shop_id: 14701711,
                    partner_key: sandbox-shopee-partner-key, access_token: sandbox-shopee-access-token,
                    logistic_ids: "50011", image_mirror: "http://127.0.0.1:\(port)/images" }
        """.write(toFile: publishConfig, atomically: true, encoding: .utf8)
        let environment = ["META_ACCESS_TOKEN": "sandbox-meta-token"]
        for (marketplace, label) in [
            ("meta-catalog", "meta"), ("google-merchant", "google"), ("woocommerce", "woocommerce"),
            ("shopee", "shopee"),  // one product at a time: its images uploaded, then add_item
        ] {
            let arguments = ["publish", marketplace, "--config", publishConfig]
            line("publish \(label) (first run)", measure(ocop, arguments, environment: environment), items: count)
            let unchanged = measure(ocop, arguments, environment: environment)
            line("publish \(label) (no change)", unchanged, items: count)
            if marketplace == "google-merchant" {
                print(String(format: "publish google (no change): %.2f s wall (target < 3 s)", unchanged.seconds))
            }
        }
        sandbox.process.terminate()
        sandbox.process.waitUntilExit()
    }
    try ServeLoad(ocop: ocop, folder: folder, catalog: path("catalog.sqlite"), products: count).run()
}
