import Foundation
import Groundwork
import Testing

/// The contract reader judges bodies the way the marketplaces' validators do: the first violation, with
/// its path, and the API's policy for members the reference does not name.
@Suite struct APIContractTests {
    func contract(policy: String) throws -> APIContract {
        let text = """
            {"contract": "test", "sources": ["here"], "unknownFields": {"policy": "\(policy)"},
             "requests": {"PUT /products/{id}": {"body": {"type": "object", "required": ["title"],
               "properties": {"title": {"type": "string", "maxLength": 5},
                 "skus": {"type": "array", "maxItems": 2, "items": {"type": "object", "required": ["price"],
                   "properties": {"price": {"type": "integer", "minimum": 1}, "unit": {"enum": ["KG", "LB"]}}}},
                 "free": {"type": "object"}}}}}}
            """
        return try APIContract(try JSONValue.parse(Data(text.utf8)))
    }

    func body(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

    @Test(arguments: [
        (#"{"title": "Trà"}"#, nil),
        (#"{}"#, "title is required"),
        (#"{"title": 5}"#, "title is not of type string"),
        (#"{"title": "Cà phê rang"}"#, "title is longer than 5 characters"),
        (#"{"title": "a", "skus": [{"price": 2}, {"price": 1.5}]}"#, "skus[1].price is not of type integer"),
        (#"{"title": "a", "skus": [{"price": 0}]}"#, "skus[0].price is below 1"),
        (#"{"title": "a", "skus": [{"price": 1, "unit": "KILOGRAMS"}]}"#, "skus[0].unit is not one of KG, LB"),
        (#"{"title": "a", "skus": [{}, {}, {}]}"#, "skus has more than 2 items"),
        (#"{"title": "a", "skus": [{"unit": "KG"}]}"#, "skus[0].price is required"),
        (#"{"title": "a", "colour": "red"}"#, "colour is not a known field"),
        (#"{"title": "a", "skus": [{"price": 1, "qty": 2}]}"#, "skus[0].qty is not a known field"),
        (#"{"title": "a", "free": {"anything": 1}}"#, nil),
    ])
    func aRefusingAPIJudgesEachBodyByItsFirstViolation(body: String, said: String?) throws {
        let violation = try self.contract(policy: "refused").violation(of: try self.body(body), "PUT", "/products/17")
        #expect(violation?.description == said)
    }

    @Test func anIgnoringAPIPassesUnknownMembersButNotWrongOnes() throws {
        let contract = try self.contract(policy: "ignored")
        #expect(contract.violation(of: try self.body(#"{"title": "a", "colour": "red"}"#), "PUT", "/products/1") == nil)
        #expect(contract.violation(of: try self.body(#"{"title": 1}"#), "PUT", "/products/1")?.field == "title")
    }

    @Test func pathParametersMatchOneSegmentAndOtherRequestsAreNotCovered() throws {
        let contract = try self.contract(policy: "refused")
        #expect(contract.schema("PUT", "/products/17") != nil)
        #expect(contract.schema("PUT", "/products/") == nil)
        #expect(contract.schema("PUT", "/products/17/images") == nil)
        #expect(contract.schema("POST", "/products/17") == nil)
    }

    @Test func theMostLiteralTemplateWinsWhateverTheOrder() throws {
        let text = """
            {"contract": "t", "sources": ["here"], "unknownFields": {"policy": "refused"},
             "requests": {"GET /products/{id}": {"query": {"required": ["id"]}},
                          "GET /products/search": {"query": {"required": ["q"]}}}}
            """
        let contract = try APIContract(try JSONValue.parse(Data(text.utf8)))
        #expect(contract.violation(of: .object([]), "GET", "/products/search", part: "query")?.path == "q")
        #expect(contract.violation(of: .object([]), "GET", "/products/17", part: "query")?.path == "id")
    }

    @Test func lengthsAreCodePointsAndAnExplicitlyClosedObjectRefusesEveryMember() throws {
        let closed = try JSONSchema(
            try JSONValue.parse(Data(#"{"type": "object", "additionalProperties": false}"#.utf8))
        )
        #expect(
            closed.violation(of: .object([("a", .number("1"))]), refusingUnknown: false)?.description
                == "a is not a known field"
        )
        let short = try JSONSchema(try JSONValue.parse(Data(#"{"type": "string", "maxLength": 2}"#.utf8)))
        #expect(short.violation(of: .string("\u{1EC7}"), refusingUnknown: true) == nil)  // "ệ" precomposed: 1
        #expect(short.violation(of: .string("e\u{0323}\u{0302}"), refusingUnknown: true)?.kind == .tooLong(2))
    }

    @Test(arguments: [
        (
            #"{"sources": ["x"], "unknownFields": {"policy": "refused"}, "requests": {}}"#,
            "a contract needs \"contract\""
        ),
        (
            #"{"contract": "c", "sources": [], "unknownFields": {"policy": "refused"}, "requests": {}}"#,
            "c: a contract names its sources"
        ),
        (
            #"{"contract": "c", "sources": ["x"], "unknownFields": {"policy": "maybe"}, "requests": {}}"#,
            "c: unknownFields.policy must be refused or ignored"
        ),
        (
            #"{"contract": "c", "sources": ["x"], "unknownFields": {"policy": "refused"}, "requests": {"GET /a": {"body": {"type": "text"}}}}"#,
            "GET /a body: \"text\" is not a JSON type"
        ),
        (
            #"{"contract": "c", "sources": ["x"], "unknownFields": {"policy": "refused"}, "requests": {"GET /a": {"body": {"maxlength": 3}}}}"#,
            "GET /a body: \"maxlength\" is not a schema keyword this contract reader knows"
        ),
    ])
    func aContractThatCannotBeReadSaysWhere(text: String, said: String) throws {
        #expect(throws: ContractError(said)) { try APIContract(try JSONValue.parse(Data(text.utf8))) }
    }
}
