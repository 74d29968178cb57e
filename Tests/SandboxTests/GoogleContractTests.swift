import Foundation
import GoogleMerchant
import Groundwork
import Testing

@testable import Sandbox

/// The Google simulator parses a ProductInput the way Merchant API v1 does, by the contract written from its
/// protos: a field they do not define is "Unknown name", an enum value outside its enum is "Invalid value",
/// and so on.
@Suite struct GoogleContractTests {
    static let insert = "/products/v1/accounts/123/productInputs:insert"

    /// What Merchant API says of `body`, or `nil` when it takes it.
    func refusal(_ body: JSONValue) throws -> String? {
        let contract = try #require(try GoogleMerchantAdapter().apiContract())
        return contract.violation(of: body, "POST", Self.insert).map { MerchantAPIWording.refusal($0, in: body) }
    }

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

    @Test func aDocumentedInputIsTaken() throws {
        #expect(try self.refusal(Self.documented) == nil)
    }

    @Test(arguments: [
        (
            "shipsFromCountry", JSONValue.string("VN"),
            "Invalid JSON payload received. Unknown name \"shipsFromCountry\" at 'product_input.product_attributes': Cannot find field."
        ),
        (
            "availability", .string("IN STOCK"),
            "Invalid value at 'product_input.product_attributes.availability' (type.googleapis.com/google.shopping.merchant.products.v1.Availability), \"IN STOCK\""
        ),
        (
            "condition", .string("BRAND_NEW"),
            "Invalid value at 'product_input.product_attributes.condition' (type.googleapis.com/google.shopping.merchant.products.v1.Condition), \"BRAND_NEW\""
        ),
        (
            "shippingWeight", .object([("value", .number("500")), ("unit", .string("gram"))]),
            "[product_attributes.shipping_weight.unit] is not one of lb, oz, g, kg"
        ),
        (
            "price", .object([("amount", .string("185000"))]),
            "Invalid JSON payload received. Unknown name \"amount\" at 'product_input.product_attributes.price': Cannot find field."
        ),
        (
            "gtins", .string("8936001041105"),
            "[product_attributes.gtins] is not of type array"
        ),
    ])
    func whatMerchantAPIRefusesIsRefusedInItsWords(attribute: String, value: JSONValue, said: String) throws {
        #expect(try self.refusal(Self.with(attribute, value)) == said)
    }
}
