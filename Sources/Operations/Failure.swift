import FeedKit
import OCOPCatalog
import OCOPConfiguration
import Publishing

/// The documented exit statuses of `ocop` and `ocop-scheduler`, in one place.
public enum ExitStatusCode {
    /// Something outside the input went wrong: the catalogue database, the file system.
    public static let failure: Int32 = 1
    /// Items failed validation or publishing.
    public static let itemsFailed: Int32 = 3
    /// The command line is wrong (ArgumentParser's own status for usage errors).
    public static let usage: Int32 = 64
    /// Invalid input data: a bad catalogue row, a bad configuration, a product that does not exist.
    public static let invalidInput: Int32 = 65
    /// An input file could not be opened.
    public static let cannotOpenInput: Int32 = 66
    /// A marketplace could not be reached.
    public static let unreachable: Int32 = 69
}

/// An error of ours as a person reads it: its lines (one per bad row, then the message) and its exit status.
public struct Failure: Hashable, Sendable {
    /// Lines to print on stderr, the last one starting `error:`.
    public var lines: [String]
    /// The exit status it deserves.
    public var status: Int32

    /// Describes `error`; `nil` when it is not one of OCOP Connect's errors.
    public init?(_ error: any Error) {
        switch error {
        case let error as CatalogError:
            self.lines = error.problems + ["error: \(error.message)"]
            self.status =
                switch error.code {
                case .invalidInput, .notFound: ExitStatusCode.invalidInput
                case .unreadableFile: ExitStatusCode.cannotOpenInput
                default: ExitStatusCode.failure
                }
        case let error as FeedError:
            self.lines = ["error: \(error.message)"]
            self.status =
                switch error.code {
                case .unreadable: ExitStatusCode.cannotOpenInput
                case .unwritable: ExitStatusCode.failure
                default: ExitStatusCode.invalidInput
                }
        case let error as ConfigurationError:
            self.lines = ["error: \(error.message)"]
            self.status = ExitStatusCode.invalidInput
        case let error as PublishingError:
            self.lines = ["error: \(error.message)"]
            self.status =
                switch error.code {
                case .unreachable: ExitStatusCode.unreachable
                case .massDelete, .account: ExitStatusCode.invalidInput
                default: ExitStatusCode.failure
                }
        default:
            return nil
        }
    }

    /// The message without its `error:` prefix.
    public var message: String {
        String((self.lines.last ?? "").trimmingPrefix("error: "))
    }
}
