import ArgumentParser
import FeedKit
import OCOPCatalog
import Operations

extension OCOP {
    /// `ocop marketplaces`: what this build can publish to.
    struct Marketplaces: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "marketplaces",
            abstract: "List the marketplace adapters, their formats and delivery."
        )

        func run() async throws {
            for adapter in AdapterRegistry.adapters {
                let formats = adapter.formats.map(\.rawValue).joined(separator: ", ")
                print("\(adapter.marketplace.rawValue.padded(to: 18))\(formats.padded(to: 12))\(adapter.delivery)")
            }
        }
    }
}
