import FeedKit
import Foundation
import TestSupport
import Testing

@Suite struct MappingTests {
    @Test(arguments: ["google-merchant", "meta-catalog"])
    func mappingFileLoads(marketplace: String) throws {
        let mapping = try Fixtures.mapping(marketplace)
        #expect(mapping.marketplace == marketplace)
        #expect(!mapping.rules.isEmpty && !mapping.categories.isEmpty)
    }

    @Test func keywordsMatchWholeWordsAndTheFirstRuleWins() throws {
        let mapping = try Fixtures.mapping("google-merchant")
        #expect(
            mapping.category(group: "food", subgroup: "cà phê chồn", name: "Cà phê Chồn 250 g", override: nil) == "1868"
        )
        #expect(mapping.category(group: "food", subgroup: "thủy sản", name: "Cá ngừ một nắng", override: nil) == "4629")
        #expect(mapping.category(group: "food", subgroup: nil, name: "Các loại bánh tráng", override: nil) == "423")
        #expect(
            mapping.category(group: "herbs", subgroup: "hạt mắc ca", name: "Dầu mắc ca ép lạnh", override: nil)
                == "2126"
        )
        #expect(mapping.category(group: "food", subgroup: "cà phê", name: "Cà phê", override: "9999") == "9999")
    }

    @Test func aKeywordOfSeveralWordsMatchesThemInOrderAnywhereInTheSubgroupAndName() {
        let mapping = Mapping(
            marketplace: "x",
            categories: [
                .init(keywords: ["mật ong rừng"], category: "wild"),
                .init(keywords: ["Mật  Ong", "phấn hoa"], group: "food", category: "honey"),
                .init(group: "food", category: "food"),
            ]
        )
        func category(_ subgroup: String?, _ name: String, group: String = "food") -> String? {
            mapping.category(group: group, subgroup: subgroup, name: name, override: nil)
        }
        #expect(category(nil, "MẬT ONG RỪNG Tây Nguyên") == "wild")
        #expect(category("mật", "Ong rừng U Minh") == "wild")  // across the sub-group and the name
        #expect(category(nil, "Bánh mật, ong vàng") == "honey")  // punctuation is not a word
        #expect(category(nil, "Rừng mật ong") == "honey")  // words out of order are not the keyword
        #expect(category(nil, "Mật ong", group: "drinks") == nil)
        #expect(category(nil, "Mậtong") == "food")
    }

    @Test func theFirstRuleInTheFileWinsWhereverItsKeywordIsInTheName() {
        let mapping = Mapping(
            marketplace: "x",
            categories: [
                .init(keywords: ["ong"], category: "bee"),
                .init(group: "herbs", category: "herbs"),
                .init(keywords: ["mật"], category: "honey"),
                .init(keywords: ["!!"], group: "drinks", category: "any drink"),
            ]
        )
        func category(_ name: String, group: String = "food") -> String? {
            mapping.category(group: group, subgroup: nil, name: name, override: nil)
        }
        #expect(category("Mật ong") == "bee")  // "mật" comes first in the name, "ong" first in the file
        #expect(category("Mật hoa") == "honey")
        #expect(category("Mật hoa", group: "herbs") == "herbs")  // a rule by group alone, before the keyword rule
        #expect(category("Nước mía", group: "drinks") == "any drink")  // a keyword of no words fits every name
        #expect(category("Nước mía") == nil)
    }

    @Test func valueMapsSpellValuesTheMarketplacesWay() throws {
        #expect(try Fixtures.mapping("meta-catalog").value("availability", "in_stock") == "in stock")
        #expect(try Fixtures.mapping("google-merchant").value("availability", "in_stock") == "in_stock")
    }

    @Test(arguments: [
        ("marketplace: x\nrules:\n  - { max_length: 5 }\n", "rules[0].attribute: required"),
        ("marketplace: x\nrules:\n  - { attribute: a, pattern: \"(\" }\n", "bad pattern"),
        ("marketplace: x\nrules:\n  - { attribute: a, format: colour }\n", "rules[0].format"),
        ("rules: [\n", "bad.yaml"),
    ])
    func aBadMappingIsOneLineNamingTheKey(text: String, expected: String) throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("bad.yaml", text)
        let error = try #require(throws: FeedError.self) { try Mapping.load(from: file) }
        #expect(error.code == .mapping)
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(!error.message.contains("\n"))
    }
}
