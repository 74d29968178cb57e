import Foundation
import TestSupport

/// Runs the built `ocop` and `ocop-scheduler` executables in a folder, as a user would.
struct CommandRunner {
    /// What a run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The folder the executables were built into (beside the test bundle).
    static let binaries: URL = {
        var url = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: url.appending(path: "ocop").path), url.path != "/" {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    let folder: URL

    /// ``run(_:executable:environment:)`` off the concurrency pool, for async tests: a blocked pool thread
    /// could starve an in-process server (the sandbox) that the command is talking to.
    func runDetached(_ arguments: [String], executable: String = "ocop", environment: [String: String] = [:])
        async throws -> Result
    {
        try await onOwnThread { try self.run(arguments, executable: executable, environment: environment) }
    }

    /// A process for the executable, in the folder, with `environment` added to this one's.
    func process(_ arguments: [String], executable: String = "ocop", environment: [String: String] = [:]) -> Process {
        let process = Process()
        // One of ours by name, or another program by its absolute path.
        process.executableURL =
            executable.hasPrefix("/") ? URL(fileURLWithPath: executable) : Self.binaries.appending(path: executable)
        process.arguments = arguments
        process.currentDirectoryURL = self.folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        return process
    }

    /// Starts `ocop serve` on a free loopback port in the folder and returns it with its base URL, read from the
    /// line it prints once it listens. The caller terminates it.
    func serve(environment: [String: String] = [:]) throws -> (process: Process, base: URL) {
        let server = self.process(["serve", "--port", "0"], environment: environment)
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        var banner = ""
        while !banner.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = banner.firstMatch(of: /127\.0\.0\.1:(\d+)/).map({ String($0.1) }) else {
            server.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "ocop serve said: \(banner)"])
        }
        return (server, URL(string: "http://127.0.0.1:\(port)")!)
    }

    func run(_ arguments: [String], executable: String = "ocop", environment: [String: String] = [:]) throws -> Result {
        let process = self.process(arguments, executable: executable, environment: environment)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both pipes to the end, at the same time, before waiting: a child filling one pipe while this
        // reads the other would block forever.
        let errorsRead = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var errors = Data()
        Thread.detachNewThread {
            errors = stderr.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self)
        )
    }
}

extension CommandRunner {
    /// `ocop.yaml` for the samples publishing to Meta on the sandbox at `base`, one item per call at 50 calls
    /// a second (so a test can act mid-run), followed by `more`.
    static func sandboxMetaConfig(_ base: URL, more: String = "") -> String {
        """
        catalog: ocop.sqlite
        shop: { base_url: "https://ocop.daklak.example.vn" }
        marketplaces:
          meta-catalog: { endpoint: "\(base.appending(path: "graph/v21.0").absoluteString)", catalog_id: "789",
                          access_token: "${META_ACCESS_TOKEN}", batch_size: 1, rate_limit: 50 }

        """ + more
    }

    /// A runner in a fresh folder whose `ocop.sqlite` holds the sample catalogue.
    static func withSampleCatalog() throws -> (folder: TemporaryFolder, ocop: CommandRunner) {
        let folder = try TemporaryFolder()
        let ocop = CommandRunner(folder: folder.url)
        _ = try ocop.run(["catalog", "import", "--catalog", "ocop.sqlite"] + Fixtures.sampleCatalogFiles.map(\.path))
        return (folder, ocop)
    }
}
