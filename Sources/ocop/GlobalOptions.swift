import ArgumentParser
import Foundation
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

    /// The configuration: the file given, `./ocop.yaml` when present, or the defaults.
    func configuration() throws(ConfigurationError) -> OCOPConfiguration {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        if let config {
            return try OCOPConfiguration.load(from: URL(fileURLWithPath: config, relativeTo: current))
        }
        let defaultFile = current.appending(path: "ocop.yaml")
        if FileManager.default.fileExists(atPath: defaultFile.path) {
            return try OCOPConfiguration.load(from: defaultFile)
        }
        return OCOPConfiguration(directory: current)
    }

    /// The workspace: the configuration, with `--catalog` and `--mappings` taking precedence over it.
    func workspace() throws(ConfigurationError) -> Workspace {
        Workspace(configuration: try self.configuration(), catalogPath: self.catalog, mappingsFolder: self.mappings)
    }

    /// Opens (creating and migrating) the catalogue.
    func openCatalog() throws -> CatalogDatabase {
        try self.workspace().openCatalog()
    }
}
