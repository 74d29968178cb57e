import ArgumentParser
import Foundation
import Groundwork
import Logging
import OCOPCatalog
import OCOPConfiguration
import Operations

/// The options every command takes: where the configuration, the catalogue and the mappings are.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: ./ocop.yaml when present).")
    var config: String?

    @Option(name: .long, help: "The catalogue database (default: the config's catalog:, else ./ocop.sqlite).")
    var catalog: String?

    @Option(name: .long, help: "A folder of mapping files replacing the built-in ones.")
    var mappings: String?

    @Flag(name: .long, help: "Say on stderr what publishing does: each batch, each retry and backoff, each wait.")
    var verbose = false

    @Option(
        name: .long,
        help:
            "The language of messages: vi (tiếng Việt) or en (default: OCOP_LANG, ui_language: in ocop.yaml, a vi locale, else en)."
    )
    var lang: String?

    /// The person's language: `--lang`, `OCOP_LANG`, `ui_language:`, a `vi` locale, else English. One that names
    /// no language we speak ends the command with a usage error; a configuration that cannot be read leaves
    /// the choice to the others (the command itself then reports the configuration).
    func language() throws -> Language {
        try Language.chosen(flag: self.lang, configured: (try? self.configuration())?.uiLanguage)
    }

    /// The configuration: the file given, `./ocop.yaml` when present, or the defaults.
    func configuration() throws(ConfigurationError) -> OCOPConfiguration {
        try self.workspace().configuration
    }

    /// The workspace: the configuration, with `--catalog` and `--mappings` taking precedence over it.
    func workspace() throws(ConfigurationError) -> Workspace {
        var workspace = try Workspace.load(config: self.config, catalog: self.catalog, mappings: self.mappings)
        // A crash point for the tests: the process dies (SIGKILL) right after a renewed token pair is stored,
        // before the new access token is used.
        if ProcessInfo.processInfo.environment["OCOP_FAILPOINT"] == "kill-after-token-stored" {
            workspace.connectionStored = { _ in kill(getpid(), SIGKILL) }
        }
        if self.verbose {
            workspace.logger = Logger(label: "ocop", factory: { StreamLogHandler.standardError(label: $0) })
            workspace.logger.logLevel = .debug
        }
        return workspace
    }

    /// Opens (and migrates) the catalogue; a missing one is an error saying how to make it.
    func openCatalog() throws -> CatalogDatabase {
        try self.workspace().openCatalog()
    }
}

extension Language {
    /// The language chosen from `flag`, the environment and `configured`; a choice naming none we speak is printed
    /// as one line and ends the command (usage).
    static func chosen(flag: String?, configured: String?) throws -> Language {
        do {
            return try Language.choose(
                flag: flag,
                environment: ProcessInfo.processInfo.environment,
                configured: configured
            )
        } catch {
            Terminal.error("error: \(error)")
            throw ExitStatus.usage
        }
    }
}
