import Groundwork

/// How WooCommerce's product setters take the values a batch item carries, with no schema validation in
/// between (`WC_REST_Products_Controller::prepare_object_for_database` and `WC_Product`'s setters, per the
/// sources of `Adapters/WooCommerce/Contract/woocommerce-products-v3.json`): the product as the store keeps it,
/// or the one setter's refusal.
struct WooProductSetters: Sendable {
    /// A setter's refusal: WooCommerce's code and message.
    struct Refusal: Error, Sendable {
        var code: String
        var message: String
    }

    /// The product schema's enums, read from the contract.
    private let types: [String]
    private let statuses: [String]
    private let stockStatuses: [String]
    private let visibilities: [String]
    private let taxStatuses: [String]

    init(contract: APIContract) {
        let product = contract.schema("POST", "/products/batch")?.property("create")?.items
        func values(_ name: String) -> [String] {
            let values = product?.property(name)?.allowed?.compactMap(\.text) ?? []
            precondition(!values.isEmpty, "the WooCommerce contract has no enum for \(name)")
            return values
        }
        self.types = values("type")
        self.statuses = values("status")
        self.stockStatuses = values("stock_status")
        self.visibilities = values("catalog_visibility")
        self.taxStatuses = values("tax_status")
    }

    /// `sent` as the store keeps it; a create gets the defaults batch_items gives a new product (type simple,
    /// status publish, in stock) for what it leaves out.
    func stored(_ sent: JSONValue, creating: Bool) -> Result<JSONValue, Refusal> {
        guard case .object(var members) = sent else {
            return .failure(Refusal(code: "rest_invalid_param", message: "Invalid parameter(s): product"))
        }
        func text(_ name: String) -> String? { members.first { $0.0 == name }?.1.text }
        func set(_ name: String, _ value: JSONValue) {
            members.removeAll { $0.0 == name }
            members.append((name, value))
        }
        if let visibility = text("catalog_visibility"), !self.visibilities.contains(visibility) {
            return .failure(
                Refusal(code: "product_invalid_catalog_visibility", message: "Invalid catalog visibility option.")
            )
        }
        if let tax = text("tax_status"), !self.taxStatuses.contains(tax) {
            return .failure(Refusal(code: "product_invalid_tax_status", message: "Invalid product tax status."))
        }
        // The product class of an unknown type does not exist: WooCommerce falls back to a simple product.
        if let type = text("type"), !self.types.contains(type) { set("type", .string("simple")) }
        if let status = text("status"), !self.statuses.contains(status) { set("status", .string("draft")) }
        if let stock = text("stock_status"), !self.stockStatuses.contains(stock) {
            set("stock_status", .string("instock"))
        }
        if let quantity = members.first(where: { $0.0 == "stock_quantity" })?.1, quantity != .null {
            set("stock_quantity", .number(Self.intval(quantity.text ?? "")))
        }
        if creating {
            for (name, value) in [("type", "simple"), ("status", "publish"), ("stock_status", "instock")]
            where text(name) == nil {
                set(name, .string(value))
            }
        }
        return .success(.object(members))
    }

    /// PHP's `intval` of a text: its leading integer, else 0.
    static func intval(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " }
        let sign = trimmed.first == "-" ? "-" : ""
        let digits = trimmed.dropFirst(sign.count).prefix { $0.isASCII && $0.isNumber }
        guard let number = Int(sign + digits) else { return "0" }
        return String(number)
    }
}
