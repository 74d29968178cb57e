import Foundation
import Synchronization

/// `ocop serve` under hostile load, for issue 19's goal: with 1,000 idle connections, 20 readers that never read
/// and 3 anonymous readiness-page requests on a large catalogue, how long authorised feed fetches take and how
/// much memory the server holds.
struct ServeLoad {
    let ocop: String
    let folder: URL
    let catalog: String
    let products: Int

    /// A TCP connection that is opened and then, at most, sends one thing.
    final class Socket: Sendable {
        let descriptor: Int32

        init?(port: Int) {
            self.descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(self.descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(self.descriptor)
                return nil
            }
        }

        deinit { close(self.descriptor) }

        func send(_ text: String) {
            _ = Array(text.utf8).withUnsafeBytes {
                Foundation.send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
        }

        /// Reads until the server closes (the answer is discarded); its size.
        func drain() -> Int {
            var total = 0
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return total }
                total += count
            }
        }
    }

    func run() throws {
        func path(_ name: String) -> String { self.folder.appending(path: name).path }
        let feeds = self.folder.appending(path: "served", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        let config = path("serve.yaml")
        try """
        catalog: \(self.catalog)
        shop: { base_url: "https://ocop.daklak.example.vn" }
        serve: { feeds: \(feeds.path), feed_password: bench-key, header_timeout: 120, idle_timeout: 120 }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let feed = feeds.appending(path: "google-merchant.xml").path
        line(
            "feed export into served/ (+ .gz)",
            measure(
                self.ocop,
                ["feed", "export", "google-merchant", "--format", "xml", "--output", feed, "--config", config]
            ),
            items: self.products
        )
        let server = Process()
        server.executableURL = URL(fileURLWithPath: self.ocop)
        server.arguments = ["serve", "--port", "0", "--config", config]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var banner = ""
        while !banner.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { return }
            banner += String(decoding: data, as: UTF8.self)
        }
        // The access log goes on to standard output: read it away so the server never waits on the pipe.
        let reader = Thread { while !output.fileHandleForReading.availableData.isEmpty {} }
        reader.start()
        guard let range = banner.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
            let port = Int(banner[range].split(separator: ":").last ?? "")
        else { return }
        let base = "http://127.0.0.1:\(port)"
        guard let curl = which("curl") else { return }
        let fetch = ["-s", "-o", "/dev/null", "-f", "-u", "ocop:bench-key", "\(base)/feeds/google-merchant.xml"]

        let quiet = (0..<5).map { _ in measure(curl, fetch).seconds }.max() ?? 0
        let idle = (0..<1_000).compactMap { _ in Socket(port: port) }
        let stalled = (0..<20).compactMap { _ in Socket(port: port) }
        for socket in stalled {
            socket.send("GET /feeds/google-merchant.xml?key=bench-key HTTP/1.1\r\nHost: b\r\n\r\n")
        }
        let pages = (0..<3).compactMap { _ in Socket(port: port) }
        let clock = ContinuousClock()
        let start = clock.now
        let built = Mutex(Duration.zero)
        let pageThreads = pages.map { socket in
            Thread {
                socket.send("GET / HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n")
                _ = socket.drain()
                built.withLock { $0 = max($0, clock.now - start) }
            }
        }
        pageThreads.forEach { $0.start() }
        var loaded: [Double] = []
        for _ in 0..<10 { loaded.append(measure(curl, fetch).seconds) }
        let peakDuringLoad = Self.peakResidentMiB(of: server.processIdentifier)
        // Wait for the page builds to end (each request holds its socket until answered).
        while pageThreads.contains(where: { !$0.isFinished }) { usleep(100_000) }
        let first = measure(curl, ["-s", "-o", path("first.html"), "\(base)/"])
        let firstBytes = (try? FileManager.default.attributesOfItem(atPath: path("first.html"))[.size] as? Int) ?? 0
        print(
            "serve: feed fetch, quiet".padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(format: "%8.3f s   slowest of 5", quiet)
        )
        print(
            "serve: feed fetch under load".padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(
                    format: "%8.3f s   slowest of 10 (%d idle, %d stalled readers, 3 page builds)",
                    loaded.max() ?? 0,
                    idle.count,
                    stalled.count
                )
        )
        print(
            "serve: readiness first page".padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(
                    format: "%8.2f s   built once for 3 requests; %d KB; then %.3f s cached",
                    seconds(built.withLock { $0 }),
                    firstBytes / 1024,
                    first.seconds
                )
        )
        print(
            "serve: peak memory".padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(
                    format: "%8.1f MiB during the fetches; %.1f MiB at the end",
                    peakDuringLoad,
                    Self.peakResidentMiB(of: server.processIdentifier)
                )
        )
        withExtendedLifetime((idle, stalled, pages)) {}
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The peak resident memory (VmHWM) of process `pid`, in MiB.
    static func peakResidentMiB(of pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").compactMap({ Double($0) }).first
        else { return 0 }
        return kilobytes / 1024
    }
}
