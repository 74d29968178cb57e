import Testing

@testable import OCOPCatalog

/// A row keeps its values by each column's ordinal, not in a dictionary: every column must have its own place,
/// and the dictionary the row shows must hold what was set.
@Suite struct CatalogRowTests {
    @Test func everyColumnsOrdinalIsItsPlaceAmongAllCases() {
        #expect(CatalogColumn.allCases.map(\.ordinal) == Array(CatalogColumn.allCases.indices))
    }

    @Test func valuesSetOneWayReadBackEveryWay() {
        var row = CatalogRow(file: "f.csv", line: 2, values: [.code: "A-1", .marketplaces: "tiki"])
        row[.price] = "185000"
        #expect(row.values == [.code: "A-1", .marketplaces: "tiki", .price: "185000"])
        row.values = [.name: "Cà phê"]
        #expect(row[.code] == nil && row[.name] == "Cà phê")
    }
}
