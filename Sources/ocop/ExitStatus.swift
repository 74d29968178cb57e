import ArgumentParser
import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import OCOPConfiguration
import Operations
import Publishing

/// The documented exit statuses of `ocop` (``ExitStatusCode``), as ArgumentParser's exit codes.
enum ExitStatus {
    static let failure = ExitCode(ExitStatusCode.failure)
    static let itemsFailed = ExitCode(ExitStatusCode.itemsFailed)
    static let usage = ExitCode(ExitStatusCode.usage)
    static let invalidInput = ExitCode(ExitStatusCode.invalidInput)
    static let cannotOpenInput = ExitCode(ExitStatusCode.cannotOpenInput)
    static let unreachable = ExitCode(ExitStatusCode.unreachable)

    /// Runs `body`; an error of ours is printed as one line (plus one line per bad row) on stderr, in the
    /// person's `language`, and turned into its exit status.
    static func reporting<T>(in language: Language, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            guard let failure = Failure(error, language: language) else { throw error }
            for line in failure.lines { Terminal.error(line) }
            throw ExitCode(failure.status)
        }
    }

    /// ``reporting(in:_:)`` for async work.
    static func reportingAsync<T>(in language: Language, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            return try self.reporting(in: language) { throw error }
        }
    }
}

extension String {
    /// The text with every control character but tab and new line shown as `\u{1B}`, so a value from a file
    /// can never move the cursor, clear the screen or retitle the window of the person reading it.
    var terminalSafe: String {
        guard self.unicodeScalars.contains(where: Self.isUnsafe) else { return self }
        var safe = ""
        for scalar in self.unicodeScalars {
            if Self.isUnsafe(scalar) {
                safe += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                safe.unicodeScalars.append(scalar)
            }
        }
        return safe
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value != 0x09 && scalar.value != 0x0A && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }

    /// The text followed by spaces up to `width` characters, and at least one: a column of a plain table.
    func padded(to width: Int) -> String {
        self + String(repeating: " ", count: max(1, width - self.count))
    }
}

/// Writing to the terminal.
enum Terminal {
    /// Whether stderr is a terminal, so progress can be shown.
    static let showsProgress = isatty(STDERR_FILENO) == 1

    /// Writes one line to stderr.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line.terminalSafe + "\n").utf8))
    }

    /// Overwrites the progress line on a terminal; does nothing elsewhere.
    static func progress(_ line: String) {
        guard self.showsProgress else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Ends a progress line.
    static func endProgress() {
        guard self.showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
