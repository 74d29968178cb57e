public import Foundation

/// One marketplace's API contract as data (`Adapters/<Name>/Contract/*.json`), written from that
/// marketplace's own reference: for each request (`"POST /api/v2/product/add_item"`, path parameters in
/// braces) the schema of each part it carries (`body`, `form`, `item`…), whether members the reference does
/// not name are refused, and the sources. The sandbox judges what it receives by it; adapter tests judge
/// what we send by it.
public struct APIContract: Sendable, Hashable {
    /// What the contract covers, in one line.
    public var title: String
    /// Where each fact came from.
    public var sources: [String]
    /// Whether the marketplace refuses members its reference does not name (otherwise it ignores them).
    public var refusesUnknownFields: Bool
    /// Per request, the schema of each part.
    public var requests: [String: [String: JSONSchema]]

    /// The contract `json` writes, or what in it cannot be read.
    public init(_ json: JSONValue) throws(ContractError) {
        guard let title = json["contract"]?.text else { throw ContractError("a contract needs \"contract\"") }
        self.title = title
        self.sources = json["sources"]?.elements.compactMap(\.text) ?? []
        guard !self.sources.isEmpty else { throw ContractError("\(title): a contract names its sources") }
        switch json["unknownFields"]?["policy"]?.text {
        case "refused": self.refusesUnknownFields = true
        case "ignored": self.refusesUnknownFields = false
        default: throw ContractError("\(title): unknownFields.policy must be refused or ignored")
        }
        var requests: [String: [String: JSONSchema]] = [:]
        guard case .object(let entries)? = json["requests"] else { throw ContractError("\(title): no requests") }
        for (request, parts) in entries {
            guard case .object(let members) = parts else { throw ContractError("\(request): not an object") }
            var schemas: [String: JSONSchema] = [:]
            for (part, schema) in members { schemas[part] = try JSONSchema(schema, at: "\(request) \(part)") }
            requests[request] = schemas
        }
        self.requests = requests
    }

    /// The contract in the JSON file at `url`.
    public init(contentsOf url: URL) throws(ContractError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ContractError("\(url.lastPathComponent): cannot be read (\(error.localizedDescription))")
        }
        do { try self.init(try JSONValue.parse(data)) } catch let error as JSONSyntaxError {
            throw ContractError("\(url.lastPathComponent): \(error.message)")
        } catch let error as ContractError {
            throw ContractError("\(url.lastPathComponent): \(error.description)")
        } catch { throw ContractError("\(url.lastPathComponent): \(error)") }
    }

    /// The schema of `part` of the request `method path` (a concrete path: `/product/202509/products/17`
    /// matches `/product/202509/products/{product_id}`), when the contract has one. Where several templates
    /// match, the one with the most literal segments wins (`/products/search` over `/products/{id}`).
    public func schema(_ method: String, _ path: String, part: String = "body") -> JSONSchema? {
        if let exact = self.requests["\(method) \(path)"] { return exact[part] }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var best: (literals: Int, parts: [String: JSONSchema])?
        for (request, parts) in self.requests {
            let pattern = request.split(separator: " ", maxSplits: 1)
            guard pattern.count == 2, pattern[0] == method else { continue }
            let templates = pattern[1].split(separator: "/", omittingEmptySubsequences: false)
            guard templates.count == segments.count else { continue }
            var literals = 0
            let matches = zip(templates, segments).allSatisfy { template, segment in
                if template == segment {
                    literals += 1
                    return true
                }
                return template.hasPrefix("{") && template.hasSuffix("}") && !segment.isEmpty
            }
            if matches, literals > (best?.literals ?? -1) { best = (literals, parts) }
        }
        return best?.parts[part]
    }

    /// The first way `value` breaks the schema of `part` of `method path`; `nil` when it keeps it or the
    /// contract does not cover the request.
    public func violation(of value: JSONValue, _ method: String, _ path: String, part: String = "body")
        -> ContractViolation?
    {
        self.schema(method, path, part: part)?.violation(of: value, refusingUnknown: self.refusesUnknownFields)
    }
}

extension APIContract {
    /// The contract `name`.json in the `Contract` folder of `bundle` (an adapter's resources).
    public init(named name: String, in bundle: Bundle) throws(ContractError) {
        guard let url = bundle.url(forResource: name, withExtension: "json", subdirectory: "Contract") else {
            throw ContractError("\(name).json is not among the resources of \(bundle.bundleURL.lastPathComponent)")
        }
        try self.init(contentsOf: url)
    }
}
