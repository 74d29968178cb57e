import Foundation
import OCOPCatalog
import TestSupport
import Testing

@Suite struct CatalogGeneratorTests {
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    @Test func theSameSeedGivesTheSameFileAndAnotherSeedAnother() throws {
        let first = self.folder.url.appending(path: "a.csv")
        let second = self.folder.url.appending(path: "b.csv")
        let third = self.folder.url.appending(path: "c.csv")
        try CatalogGenerator(seed: 42).write(count: 300, to: first)
        try CatalogGenerator(seed: 42).write(count: 300, to: second)
        try CatalogGenerator(seed: 43).write(count: 300, to: third)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        #expect(try Data(contentsOf: first) != Data(contentsOf: third))
    }

    @Test func aGeneratedCatalogueImportsCleanlyWithEveryStanding() throws {
        let file = self.folder.url.appending(path: "generated.csv")
        try CatalogGenerator(seed: 7).write(count: 2000, to: file)
        let database = try CatalogDatabase.inMemory()
        let summary = try database.importCatalog(files: [file])
        #expect(summary.created == 2000)
        var standings: [Certificate.Standing: Int] = [:]
        let day = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        try database.forEachProduct { standings[$0.certificate.standing(on: day), default: 0] += 1 }
        #expect(standings.keys.count == 4)
    }
}
