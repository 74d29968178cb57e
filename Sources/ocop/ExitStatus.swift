import ArgumentParser
import FeedKit
import Foundation
import OCOPCatalog
import OCOPConfiguration
import Publishing

/// The documented exit statuses of `ocop`, in one place.
enum ExitStatus {
    /// Something outside the input went wrong: the catalogue database, the file system.
    static let failure = ExitCode(1)
    /// Items failed validation or publishing (arrives with feeds and publishing).
    static let itemsFailed = ExitCode(3)
    /// The command line is wrong (ArgumentParser's own status for usage errors).
    static let usage = ExitCode(64)
    /// Invalid input data: a bad catalogue row, a bad configuration, a product that does not exist.
    static let invalidInput = ExitCode(65)
    /// An input file could not be opened.
    static let cannotOpenInput = ExitCode(66)
    /// A marketplace could not be reached (arrives with publishing).
    static let unreachable = ExitCode(69)

    /// Runs `body`; an error of ours is printed as one line (plus one line per bad row) on stderr and
    /// turned into its exit status.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CatalogError {
            for problem in error.problems { Terminal.error(problem) }
            Terminal.error("error: \(error.message)")
            switch error.code {
            case .invalidInput, .notFound: throw invalidInput
            case .unreadableFile: throw cannotOpenInput
            default: throw failure
            }
        } catch let error as FeedError {
            Terminal.error("error: \(error.message)")
            switch error.code {
            case .unreadable: throw cannotOpenInput
            case .unwritable: throw failure
            default: throw invalidInput
            }
        } catch let error as ConfigurationError {
            Terminal.error("error: \(error.message)")
            throw invalidInput
        } catch let error as PublishingError {
            Terminal.error("error: \(error.message)")
            switch error.code {
            case .unreachable: throw unreachable
            case .massDelete, .account: throw invalidInput
            default: throw failure
            }
        }
    }

    /// ``reporting(_:)`` for async work.
    static func reportingAsync<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            return try self.reporting { throw error }
        }
    }
}

extension String {
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
        FileHandle.standardError.write(Data((line + "\n").utf8))
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
