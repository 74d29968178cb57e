import Groundwork

/// How Merchant API words a body its proto3 JSON parser refuses, from a contract violation: an unknown member
/// is "Invalid JSON payload received. Unknown name …", a value of the wrong type or outside its enum is
/// "Invalid value at …", with the field path in the protos' snake_case under `product_input`. What the
/// parser does not check (a unit is a plain string in the protos, checked after parsing) is said as
/// `[field] reason`, our wording: Google's is not in our sources.
enum MerchantAPIWording {
    /// Merchant API's 400 message for `violation` in `body`.
    static func refusal(_ violation: ContractViolation, in body: JSONValue) -> String {
        let names = violation.path.split(separator: ".").map { Self.snakeCase(String($0)) }
        let at = (["product_input"] + names).joined(separator: ".")
        let parent = (["product_input"] + names.dropLast()).joined(separator: ".")
        let value = Self.value(at: violation.path, in: body).map { $0.text.map { "\"\($0)\"" } ?? $0.serialized }
        switch violation.kind {
        case .unknown:
            return
                "Invalid JSON payload received. Unknown name \"\(violation.field)\" at '\(parent)': Cannot find field."
        case .notAllowed where violation.field != "unit":
            let type = violation.field.prefix(1).uppercased() + violation.field.dropFirst()
            return "Invalid value at '\(at)' (type.googleapis.com/google.shopping.merchant.products.v1.\(type)), "
                + (value ?? "")
        case .wrongType(let expected) where expected.first != "array":
            return "Invalid value at '\(at)' (\(Self.protoType(expected.first ?? ""))), \(value ?? "")"
        default:
            return "[\(names.joined(separator: "."))] \(violation.reason)"
        }
    }

    /// The proto field type a JSON type stands for in the contract (an int64 is written as a string or a number).
    private static func protoType(_ kind: String) -> String {
        switch kind {
        case "string": "TYPE_STRING"
        case "integer": "TYPE_INT64"
        case "number": "TYPE_DOUBLE"
        case "boolean": "TYPE_BOOL"
        default: "TYPE_MESSAGE"
        }
    }

    /// `offerId` as the protos spell it: `offer_id`; indexes kept (`gtins[0]`).
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The member at `path` (names and `[index]`es, dot-separated) in `body`.
    private static func value(at path: String, in body: JSONValue) -> JSONValue? {
        var value: JSONValue? = body
        for step in path.split(separator: ".") {
            let parts = step.split(separator: "[")
            value = value?[String(parts[0])]
            for index in parts.dropFirst() { value = value?[Int(index.dropLast()) ?? -1] }
        }
        return value
    }
}
