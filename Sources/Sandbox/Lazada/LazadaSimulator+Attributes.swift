import Groundwork
import Hummingbird

/// Lazada's category attributes in the sandbox: `/category/attributes/get` lists a leaf's attributes as
/// GetCategoryAttributes does (the platform's own fields among them), and `/product/create` refuses a product
/// without a mandatory one (4110 BIZ_CHECK_CAT_PROP_MANDATORY) or with a value a select does not list (4115
/// CHK_CATPROP_CPV_NOT_ENUM), the codes of CreateProduct's error table.
extension LazadaSimulator {
    /// `/category/attributes/get`: the leaf's attributes, labels and option names in Vietnamese for
    /// `language_code=vi_VN`, `en_name` always English; 4227 for an id that is no leaf.
    static func categoryAttributes(_ parameters: [String: String], state: SandboxState) async -> Response {
        let vietnamese = parameters["language_code"] == "vi_VN"
        guard
            let attributes = await state.categories.attributes(
                of: parameters["primary_category_id"],
                on: Self.marketplace
            )
        else { return Self.error("4227", "Query category is null") }
        // The platform's own fields come first, as Lazada lists them; the adapter fills those itself.
        let own: [JSONValue] = [
            .object([
                ("id", .number("100005571")), ("name", .string("name")), ("label", .string("Name")),
                ("input_type", .string("text")), ("attribute_type", .string("normal")), ("is_mandatory", .number("1")),
                ("options", .array([])),
            ]),
            .object([
                ("id", .number("100005497")), ("name", .string("package_length")),
                ("label", .string("Package Length (cm)")), ("input_type", .string("numeric")),
                ("attribute_type", .string("sku")), ("is_mandatory", .number("1")), ("options", .array([])),
            ]),
        ]
        let listed = attributes.map { attribute in
            JSONValue.object([
                ("id", .number(attribute.id)), ("name", .string(attribute.code)),
                ("label", .string(vietnamese ? attribute.name : attribute.englishName)),
                ("input_type", .string(attribute.options.isEmpty ? "text" : "singleSelect")),
                ("attribute_type", .string("normal")), ("is_mandatory", .string(attribute.isMandatory ? "1" : "0")),
                ("is_sale_prop", .number("0")),
                (
                    "options",
                    .array(
                        attribute.options.map { option in
                            .object([
                                ("id", .number(option.id)),
                                ("name", .string(vietnamese ? option.name : option.englishName)),
                                ("en_name", .string(option.englishName)),
                            ])
                        }
                    )
                ),
            ])
        }
        return Self.answer(.array(own + listed))
    }

    /// What create and update refuse of the category's attributes.
    static func attributeProblem(_ product: JSONValue, state: SandboxState) async -> Response? {
        var carried: [String: (id: String?, name: String?)] = [:]
        if case .object(let members)? = product["Attributes"] {
            for (key, value) in members { carried[key] = (nil, value.text) }
        }
        guard
            let (attribute, missing) = await state.categories.refusal(
                of: product["PrimaryCategory"]?.text,
                on: Self.marketplace,
                carried: carried
            )
        else { return nil }
        return missing
            ? Self.error("4110", "BIZ_CHECK_CAT_PROP_MANDATORY: \(attribute.code) is mandatory")
            : Self.error("4115", "CHK_CATPROP_CPV_NOT_ENUM: \(attribute.code)")
    }
}
