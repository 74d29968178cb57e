import Groundwork
import Hummingbird

/// TikTok Shop's category attributes in the sandbox: Get Attributes lists a leaf's product attributes in its
/// shape (the mandatory flag spelt `is_requried`, as TikTok's own SDK reads it), and Create and Edit Product
/// refuse a product without a mandatory one (12052104 "property is required") or with a custom value where
/// none is taken (12052247), codes of Create Product's error table.
extension TikTokShopSimulator {
    static func attributes(
        _ request: Request,
        path: String,
        state: SandboxState,
        contract: APIContract
    ) async -> Response {
        let parameters = Self.query(request)
        if let violation = contract.violation(of: parameters, "GET", path, part: "query") {
            return Self.refusal(violation)
        }
        guard parameters["category_version"]?.text == "v2" else {
            return Self.v1Refused
        }
        let id = path.split(separator: "/").dropLast().last.map(String.init)
        guard let attributes = await state.categories.attributes(of: id, on: Self.marketplace) else {
            return Self.error(200, 12_052_023, "Category does not exist")
        }
        let vietnamese = parameters["locale"]?.text == "vi-VN"
        let list = attributes.map { attribute in
            JSONValue.object([
                ("id", .string(attribute.id)), ("name", .string(vietnamese ? attribute.name : attribute.englishName)),
                ("type", .string("PRODUCT_PROPERTY")), ("is_requried", .bool(attribute.isMandatory)),
                (
                    "values",
                    .array(
                        attribute.options.map { option in
                            .object([
                                ("id", .string(option.id)),
                                ("name", .string(vietnamese ? option.name : option.englishName)),
                            ])
                        }
                    )
                ),
                ("is_customizable", .bool(attribute.options.isEmpty)), ("is_multiple_selection", .bool(false)),
            ])
        }
        return Self.answer(.object([("attributes", .array(list))]))
    }

    /// What create and edit refuse of the category's attributes.
    static func attributeProblem(_ product: JSONValue, state: SandboxState) async -> Response? {
        var carried: [String: (id: String?, name: String?)] = [:]
        for attribute in product["product_attributes"]?.elements ?? [] {
            guard let id = attribute["id"]?.text, let value = attribute["values"]?[0] else { continue }
            carried[id] = (value["id"]?.text, value["name"]?.text)
        }
        guard
            let (attribute, missing) = await state.categories.refusal(
                of: product["category_id"]?.text,
                on: Self.marketplace,
                carried: carried
            )
        else { return nil }
        return missing
            ? Self.error(200, 12_052_104, "property is required, attribute id is :\(attribute.id)")
            : Self.error(200, 12_052_247, "Do not support custom product attribute.")
    }
}
