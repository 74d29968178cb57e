import Groundwork
import Hummingbird

/// Shopee's category attributes in the sandbox: `product/get_attribute_tree` lists a leaf's attributes in its
/// shape (English `name`, a Vietnamese `multi_lang` entry, `mandatory`, listed values with `value_id`,
/// `attribute_info.input_type` 1 for a drop-down), and add_item and update_item refuse an item without a
/// mandatory one, or with a value a drop-down does not list. Which of Shopee's two documented codes a missing
/// attribute gives (`error_invalid_attribute` or `error_less_required_attribute`, both "Mandatory attribute
/// information required") is UNVERIFIED; the sandbox answers the second.
extension ShopeeSimulator {
    static func attributeTree(_ request: Request, state: SandboxState, contract: APIContract) async -> Response {
        let parameters = ["category_id_list", "language"].compactMap { name in
            request.uri.queryParameters.get(name).map { (name, JSONValue.string(String($0))) }
        }
        if let violation = contract.violation(
            of: .object(parameters),
            "GET",
            "/api/v2/product/get_attribute_tree",
            part: "parameters"
        ) {
            return Self.error("error_param", "Wrong parameters, detail: \(violation).")
        }
        let ids = (request.uri.queryParameters.get("category_id_list").map { String($0) } ?? "").split(separator: ",")
        var list: [JSONValue] = []
        for id in ids.map(String.init) {
            guard let attributes = await state.categories.attributes(of: id, on: Self.marketplace) else {
                return Self.error("error_invalid_category", "Invalid category ID \(id).")
            }
            func vietnamese(_ text: String) -> JSONValue {
                .array([.object([("language", .string("vi")), ("value", .string(text))])])
            }
            let tree = attributes.map { attribute in
                JSONValue.object([
                    ("attribute_id", .number(attribute.id)), ("mandatory", .bool(attribute.isMandatory)),
                    ("name", .string(attribute.englishName)), ("multi_lang", vietnamese(attribute.name)),
                    (
                        "attribute_value_list",
                        .array(
                            attribute.options.map { option in
                                .object([
                                    ("value_id", .number(option.id)), ("name", .string(option.englishName)),
                                    ("multi_lang", vietnamese(option.name)),
                                ])
                            }
                        )
                    ),
                    (
                        "attribute_info",
                        .object([
                            ("input_type", .number(attribute.options.isEmpty ? "3" : "1")),
                            ("input_validation_type", .number("2")), ("format_type", .number("1")),
                            ("max_value_count", .number("1")),
                        ])
                    ),
                ])
            }
            list.append(
                .object([("category_id", .number(id)), ("warning", .string("")), ("attribute_tree", .array(tree))])
            )
        }
        return Self.answer(.object([("list", .array(list))]))
    }

    /// What add_item and update_item refuse of the category's attributes.
    static func attributeProblem(_ item: JSONValue, state: SandboxState) async -> Response? {
        var carried: [String: (id: String?, name: String?)] = [:]
        for attribute in item["attribute_list"]?.elements ?? [] {
            guard let id = attribute["attribute_id"]?.text, let value = attribute["attribute_value_list"]?[0] else {
                continue
            }
            let valueID = value["value_id"]?.text
            carried[id] = (valueID == "0" ? nil : valueID, value["original_value_name"]?.text)
        }
        guard
            let (attribute, missing) = await state.categories.refusal(
                of: item["category_id"]?.text,
                on: Self.marketplace,
                carried: carried
            )
        else { return nil }
        return missing
            ? Self.error("error_less_required_attribute", "Mandatory attribute information required")
            : Self.error("error_invalid_attribute_value", "Invalid attribute value. attribute_id \(attribute.id)")
    }
}
