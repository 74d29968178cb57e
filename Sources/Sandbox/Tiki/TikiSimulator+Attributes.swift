import Groundwork
import Hummingbird

/// Tiki's category attributes in the sandbox: `GET /v1/categories/{id}` gives the category's detail with its
/// `attributes` (`code`, `display_name`, `is_required` 1 or 0; v1 lists no values), 404 "Category not found id:
/// …" for an unknown id; a product request without a required attribute is refused. Tiki's wording for that is
/// UNVERIFIED (its guide shows only variant errors); the sandbox says which attribute.
extension TikiSimulator {
    static func category(_ request: Request, path: String, state: SandboxState, contract: APIContract) async
        -> Response
    {
        let parameters = Self.query(request)
        if let violation = contract.violation(of: parameters, "GET", path, part: "query") {
            return Self.errors(400, ["\(violation)"])
        }
        let id = String(path.dropFirst("/v1/categories/".count))
        let vietnamese = parameters["lang"]?.text == "vi"
        guard let node = await state.categories.nodes(Self.marketplace).first(where: { $0.id == id }) else {
            return Self.errors(404, ["Category not found id: \(id)"])
        }
        let attributes = await state.categories.attributes(of: id, on: Self.marketplace) ?? []
        return Self.json(
            200,
            .object([
                ("id", .number(node.id)), ("name", .string(vietnamese ? node.name : node.englishName)),
                ("parent", node.parentID.map { .number($0) } ?? .null), ("primary", .number(node.isLeaf ? "1" : "0")),
                (
                    "attributes",
                    .array(
                        // Tiki's own origin attribute is `origin`, which every request carries.
                        attributes.map { attribute in
                            .object([
                                ("id", .number(attribute.id)),
                                ("code", .string(attribute.code == "country_origin" ? "origin" : attribute.code)),
                                ("display_name", .string(vietnamese ? attribute.name : attribute.englishName)),
                                ("is_required", .number(attribute.isMandatory ? "1" : "0")),
                            ])
                        }
                    )
                ),
            ])
        )
    }

    /// The request's first missing required attribute, in words.
    static func attributeProblem(_ request: JSONValue, state: SandboxState) async -> String? {
        var carried: [String: (id: String?, name: String?)] = [:]
        if case .object(let members)? = request["attributes"] {
            for (key, value) in members { carried[key == "origin" ? "country_origin" : key] = (nil, value.text) }
        }
        guard
            let (attribute, missing) = await state.categories.refusal(
                of: request["category_id"]?.text,
                on: Self.marketplace,
                carried: carried
            )
        else { return nil }
        let code = attribute.code == "country_origin" ? "origin" : attribute.code
        return missing
            ? "attributes.\(code) is required for category \(request["category_id"]?.text ?? "")"
            : "attributes.\(code): Giá trị không tồn tại trong danh sách quy định"
    }
}
