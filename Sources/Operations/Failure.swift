import FeedKit
public import Groundwork
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

    /// Describes `error` in `language`; `nil` when it is not one of OCOP Connect's errors.
    public init?(_ error: any Error, language: Language = .english) {
        let prefix = Self.prefix(in: language)
        switch error {
        case let error as CatalogError:
            self.lines = error.problemTexts.map { $0.text(in: language) } + [prefix + error.text.text(in: language)]
            self.status =
                switch error.code {
                case .invalidInput, .notFound: ExitStatusCode.invalidInput
                case .unreadableFile: ExitStatusCode.cannotOpenInput
                default: ExitStatusCode.failure
                }
        case let error as FeedError:
            self.lines = [prefix + error.message]
            self.status =
                switch error.code {
                case .unreadable: ExitStatusCode.cannotOpenInput
                case .unwritable: ExitStatusCode.failure
                default: ExitStatusCode.invalidInput
                }
        case let error as ConfigurationError:
            self.lines = [prefix + error.text.text(in: language)]
            self.status = ExitStatusCode.invalidInput
        case let error as PublishingError:
            self.lines = [prefix + error.text.text(in: language)]
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

    /// The message without its `error:` (`lỗi:`) prefix.
    public var message: String {
        let last = self.lines.last ?? ""
        for language in Language.allCases where last.hasPrefix(Self.prefix(in: language)) {
            return String(last.dropFirst(Self.prefix(in: language).count))
        }
        return last
    }

    /// How the last line starts: `error: `, `lỗi: `.
    public static func prefix(in language: Language) -> String {
        switch language {
        case .english: "error: "
        case .vietnamese: "lỗi: "
        }
    }
}
