import Foundation

/// OpenSSH's sshd on 127.0.0.1 with throwaway host and client keys, for testing SFTP uploads against a real
/// server. Only the client key may log in, as the current user; the process is stopped when this is dropped.
final class LoopbackSSHServer: Sendable {
    static let sshd = "/usr/sbin/sshd"
    /// Whether this machine has sshd (CI installs openssh-server).
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: Self.sshd) }

    let folder: URL
    let port: Int
    let user: String
    /// The client's private key file (its public key is beside it, `.pub`).
    let clientKey: String
    /// The host key's fingerprint as `ssh-keygen -l -E sha256` prints it (`SHA256:…`).
    let hostKeyFingerprint: String
    /// Another key's fingerprint, for the wrong-host test.
    let otherFingerprint: String
    private let pid: pid_t

    init() throws {
        self.folder = FileManager.default.temporaryDirectory.appending(path: "ocop-sshd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        // sshd refuses to start without its privilege separation directory.
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let hostKey = self.folder.appending(path: "host_key").path
        self.clientKey = self.folder.appending(path: "client_key").path
        let otherKey = self.folder.appending(path: "other_key").path
        for key in [hostKey, self.clientKey, otherKey] {
            // ECDSA: the ssh-rsa (SHA-1) host keys that Debian's libssh2 offers are disabled in OpenSSH 9.
            try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ecdsa", "-b", "256", "-m", "PEM", "-N", "", "-f", key])
        }
        self.hostKeyFingerprint = try Self.fingerprint(hostKey)
        self.otherFingerprint = try Self.fingerprint(otherKey)
        try FileManager.default.copyItem(
            atPath: self.clientKey + ".pub",
            toPath: self.folder.appending(path: "authorized_keys").path
        )
        self.user = ProcessInfo.processInfo.environment["USER"] ?? "root"
        self.port = try Self.freePort()
        let config = self.folder.appending(path: "sshd_config")
        try """
        ListenAddress 127.0.0.1
        Port \(self.port)
        HostKey \(hostKey)
        AuthorizedKeysFile \(self.folder.path)/authorized_keys
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitRootLogin prohibit-password
        StrictModes no
        UsePAM no
        PidFile none
        Subsystem sftp internal-sftp
        """.write(to: config, atomically: true, encoding: .utf8)

        // posix_spawn and waitpid rather than Foundation's Process: its waitUntilExit needs a libdispatch
        // thread, and blocking the few the test pool has while waiting for one deadlocks a busy suite.
        var stderrPipe: [Int32] = [0, 0]
        guard pipe(&stderrPipe) == 0 else { throw SSHServerError(message: "no pipe") }
        self.pid = try Self.spawn(Self.sshd, ["-D", "-e", "-f", config.path], stderr: stderrPipe[1])
        close(stderrPipe[1])
        defer { close(stderrPipe[0]) }
        // Ready when it says so on stderr: an event, not a sleep.
        var seen = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !seen.contains("Server listening on 127.0.0.1 port \(self.port)") {
            let count = read(stderrPipe[0], &buffer, buffer.count)
            guard count > 0 else { throw SSHServerError(message: "sshd stopped: \(seen)") }
            seen += String(decoding: buffer[..<count], as: UTF8.self)
        }
    }

    deinit {
        kill(self.pid, SIGTERM)
        var status: Int32 = 0
        waitpid(self.pid, &status, 0)
        try? FileManager.default.removeItem(at: self.folder)
    }

    /// `sftp://user@127.0.0.1:port/<folder>/<name>`.
    func url(_ name: String) -> URL {
        URL(string: "sftp://127.0.0.1:\(self.port)\(self.folder.path)/\(name)")!
    }

    private static func fingerprint(_ key: String) throws -> String {
        let output = try self.run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", key + ".pub"])
        guard let field = output.split(separator: " ").first(where: { $0.hasPrefix("SHA256:") }) else {
            throw SSHServerError(message: "no fingerprint in \(output)")
        }
        return String(field)
    }

    /// Runs `tool` to its end and returns what it printed.
    @discardableResult
    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appending(path: "ocop-ssh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let file = open(output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard file >= 0 else { throw SSHServerError(message: "cannot write \(output.path)") }
        let pid = try self.spawn(tool, arguments, stdout: file)
        close(file)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        guard status == 0 else { throw SSHServerError(message: "\(tool) failed (\(status))") }
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// Starts `tool` with stdin from /dev/null, stdout and stderr to the given descriptors (else /dev/null).
    private static func spawn(_ tool: String, _ arguments: [String], stdout: Int32? = nil, stderr: Int32? = nil)
        throws -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (target, source) in [(Int32(1), stdout), (Int32(2), stderr)] {
            if let source {
                posix_spawn_file_actions_adddup2(&actions, source, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            }
        }
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, tool, &actions, nil, argv, environ) == 0 else {
            throw SSHServerError(message: "cannot start \(tool)")
        }
        return pid
    }

    /// A port nobody listens on now (bound to 0, read, released).
    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw SSHServerError(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct SSHServerError: Error {
    var message: String
}
