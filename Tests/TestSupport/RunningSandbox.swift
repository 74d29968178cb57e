public import Foundation
import Groundwork
import Logging
import Operations
public import Sandbox

/// The adapters' contracts, read and parsed once for every sandbox the tests start.
private let sandboxContracts = Result { () throws(ContractError) in try SandboxContracts(AdapterRegistry.apiContracts())
}

/// Runs `body` with a sandbox serving on 127.0.0.1 and an ephemeral port, then stops it.
public func withSandbox<T: Sendable>(
    credentials: SandboxCredentials = SandboxCredentials(metaAccessToken: "sandbox-meta-token"),
    faults: FaultPlan = .none,
    tokenLifetimes: TokenLifetimes = TokenLifetimes(),
    journal: RequestJournal? = nil,
    observer: (@Sendable (String) -> Void)? = nil,
    _ body: @Sendable (_ base: URL) async throws -> T
) async throws -> T {
    var logger = Logger(label: "ocop-sandbox-test")
    logger.logLevel = .critical  // stopping the server by cancellation is expected here, not an error
    let server = SandboxServer(
        port: 0,
        credentials: credentials,
        contracts: try sandboxContracts.get(),
        faults: faults,
        tokenLifetimes: tokenLifetimes,
        logger: logger,
        journal: journal,
        observer: observer
    )
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await server.run { port in continuation.yield(port) }
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let result = try await body(URL(string: "http://127.0.0.1:\(port)")!)
        group.cancelAll()
        return result
    }
}
