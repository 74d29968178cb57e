import Foundation
import Groundwork
import Testing

@testable import Sandbox

/// The Google simulator parses a ProductInput the way Merchant API v1 does: a field its protos do not define
/// is "Unknown name", an enum value outside its enum is "Invalid value", and so on.
@Suite struct GoogleContractTests {
    static let documented = JSONValue.object([
        ("offerId", .string("KC-1")), ("contentLanguage", .string("vi")), ("feedLabel", .string("VN")),
        (
            "productAttributes",
            .object([
                ("title", .string("Cà phê")), ("availability", .string("IN_STOCK")), ("condition", .string("NEW")),
                ("price", .object([("amountMicros", .string("185000000000")), ("currencyCode", .string("VND"))])),
                ("shippingWeight", .object([("value", .number("500")), ("unit", .string("g"))])),
                ("gtins", .array([.string("8936001041105")])),
            ])
        ),
    ])

    /// The documented input with `attribute` set to `value`.
    static func with(_ attribute: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let members) = documented, case .object(var attributes)? = documented["productAttributes"]
        else { return documented }
        attributes.removeAll { $0.0 == attribute }
        attributes.append((attribute, value))
        return .object(members.filter { $0.0 != "productAttributes" } + [("productAttributes", .object(attributes))])
    }

    @Test func aDocumentedInputIsTaken() {
        #expect(MerchantAPIContract.refusal(of: Self.documented) == nil)
    }

    @Test(arguments: [
        (
            "shipsFromCountry", JSONValue.string("VN"),
            "Unknown name \"shipsFromCountry\" at 'product_input.product_attributes'"
        ),
        ("availability", .string("IN STOCK"), "Invalid value at 'product_input.product_attributes.availability'"),
        ("condition", .string("BRAND_NEW"), "Invalid value at 'product_input.product_attributes.condition'"),
        ("shippingWeight", .object([("value", .number("500")), ("unit", .string("gram"))]), "\"gram\" is not a unit"),
        ("price", .object([("amount", .string("185000"))]), "Unknown name \"amount\""),
    ])
    func whatMerchantAPIRefusesIsRefusedInItsWords(attribute: String, value: JSONValue, said: String) {
        let refusal = MerchantAPIContract.refusal(of: Self.with(attribute, value))
        #expect(refusal?.contains(said) == true, "\(refusal ?? "taken")")
    }
}
