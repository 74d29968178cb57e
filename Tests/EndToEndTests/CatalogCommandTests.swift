import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct CatalogCommandTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner

    init() throws {
        self.folder = try TemporaryFolder()
        self.ocop = CommandRunner(folder: self.folder.url)
    }

    struct Entry: Decodable, Equatable {
        var code: String
        var name: String
        var group: String
        var star: Int
        var producer: String
        var price: Int64
        var expires: String
        var status: String
    }

    @Test func aCopyOfTheSampleConfigurationWorksInTheFolderItIsCopiedTo() throws {
        let sample = try String(contentsOf: Fixtures.samples.appending(path: "ocop.yaml"), encoding: .utf8)
        try self.folder.write("ocop.yaml", sample)
        let imported = try self.ocop.run(["catalog", "import"] + Fixtures.sampleCatalogFiles.map(\.path))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: self.folder.url.appending(path: "ocop.sqlite").path))
        let list = try self.ocop.run(["catalog", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("DMC-MC-500"))
    }

    @Test func aCommandRunInAFolderWithoutACatalogueSaysHowToMakeOneAndCreatesNothing() throws {
        for command in [["catalog", "list"], ["runs"], ["catalog", "show", "DMC-MC-500"]] {
            let result = try self.ocop.run(command)
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("error: there is no catalogue at "), "\(command)")
            #expect(result.stderr.contains("make one with ocop catalog import FILE"), "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: self.folder.url.appending(path: "ocop.sqlite").path))
        // A first import that fails leaves no catalogue either.
        let bad = try self.folder.write("bad.csv", "code,name\nX,Y\n")
        #expect(try self.ocop.run(["catalog", "import", bad.path]).status == 65)
        #expect(!FileManager.default.fileExists(atPath: self.folder.url.appending(path: "ocop.sqlite").path))
    }

    @Test func importingTheSamplesAndListingThemAsJSONShowsEveryProduct() throws {
        // Given the bundled samples
        let files = Fixtures.sampleCatalogFiles.map(\.path)

        // When they are imported twice and listed
        let first = try self.ocop.run(["catalog", "import"] + files)
        let second = try self.ocop.run(["catalog", "import"] + files)
        let list = try self.ocop.run(["catalog", "list", "--json", "--today", "2026-11-29"])

        // Then the second import changes nothing and the list is the stable JSON of DESIGN §6
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("46 created"))
        #expect(second.stdout.contains("0 created, 0 updated, 46 unchanged"))
        #expect(list.status == 0)
        let entries = try JSONDecoder().decode([Entry].self, from: Data(list.stdout.utf8))
        #expect(entries.count == 46)
        let civet = try #require(entries.first { $0.code == "KC-CHON-250" })
        #expect(
            civet
                == Entry(
                    code: "KC-CHON-250",
                    name: "Cà phê Chồn Kiên Cường 250 g",
                    group: "food",
                    star: 5,
                    producer: "Công ty TNHH MTV Kiên Cường",
                    price: 1_250_000,
                    expires: "2027-12-16",
                    status: "active"
                )
        )
        #expect(Set(entries.map(\.status)) == ["active", "expiring", "expired", "revoked"])
        #expect(FileManager.default.fileExists(atPath: self.folder.url.appending(path: "ocop.sqlite").path))
    }

    @Test func aBadRowExitsWithInvalidInputNamingItAndImportsNothing() throws {
        let csv = """
            code,name,group,star,decision_number,decision_date,producer,province,price,images
            A1,Cà phê,food,4,1/QĐ-UBND,2024-01-01,HTX,Đắk Lắk,185000,https://a.vn/1.jpg
            A2,Mật ong,food,2,1/QĐ-UBND,2024-01-01,HTX,Đắk Lắk,185000,https://a.vn/2.jpg
            """
        try self.folder.write("bad.csv", csv)
        let result = try self.ocop.run(["catalog", "import", "bad.csv"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.csv:3: star: 2★ is not an OCOP certification"))
        #expect(result.stderr.contains("error: nothing imported"))
        // Nothing at all: a first import that fails leaves no catalogue behind.
        let list = try self.ocop.run(["catalog", "list", "--json"])
        #expect(list.status == 65 && list.stderr.contains("there is no catalogue at "))
    }

    @Test func aMissingFileExitsWithCannotOpenInput() throws {
        let result = try self.ocop.run(["catalog", "import", "nowhere.csv"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("nowhere.csv: cannot open"))
    }

    @Test func showingAnUnknownProductIsInvalidInputAndShowingAKnownOnePrintsItsCertificate() throws {
        _ = try self.ocop.run(["catalog", "import"] + Fixtures.sampleCatalogFiles.map(\.path))
        let unknown = try self.ocop.run(["catalog", "show", "NOPE"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr == "error: no product NOPE in the catalogue (see ocop catalog list)\n")
        let known = try self.ocop.run(["catalog", "show", "DMC-MC-500", "--today", "2026-11-29"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("5★ — 4953/QĐ-BNN-VPĐP of 2024-12-16"))
        #expect(known.stdout.contains("2027-12-16 (active on 2026-11-29)"))
    }

    @Test func theConfigurationChoosesTheCatalogueAndABadOneIsOneLine() throws {
        try self.folder.write("ocop.yaml", "catalog: data/shop.sqlite\n")
        try FileManager.default.createDirectory(
            at: self.folder.url.appending(path: "data"),
            withIntermediateDirectories: true
        )
        let imported = try self.ocop.run(["catalog", "import"] + Fixtures.sampleCatalogFiles.map(\.path))
        #expect(imported.status == 0)
        #expect(FileManager.default.fileExists(atPath: self.folder.url.appending(path: "data/shop.sqlite").path))

        try self.folder.write("ocop.yaml", "catalogue: x.sqlite\n")
        let bad = try self.ocop.run(["catalog", "list"])
        #expect(bad.status == 65)
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(bad.stderr.contains("unknown key \"catalogue\""))
    }

    @Test func generateWritesADeterministicCatalogueThatImports() throws {
        let first = try self.ocop.run(["catalog", "generate", "--count", "500", "--seed", "9", "--output", "a.csv"])
        _ = try self.ocop.run(["catalog", "generate", "--count", "500", "--seed", "9", "--output", "b.csv"])
        #expect(first.status == 0)
        let a = try Data(contentsOf: self.folder.url.appending(path: "a.csv"))
        #expect(a == (try Data(contentsOf: self.folder.url.appending(path: "b.csv"))))
        let imported = try self.ocop.run(["catalog", "import", "a.csv"])
        #expect(imported.stdout.contains("500 created"))
    }

    @Test func theSchedulerReportsItsVersion() throws {
        let result = try self.ocop.run(["--version"], executable: "ocop-scheduler")
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }
}

extension CatalogCommandTests {
    @Test func initStartsAFolderWhoseTemplateImportsAndKeepsAnExistingConfiguration() throws {
        let started = try self.ocop.run(["init"])
        #expect(started.status == 0, "\(started.stderr)")
        for path in ["ocop.yaml", "feeds", "catalog/mau-danh-sach-ocop.xlsx", "catalog/mau-danh-sach-ocop.csv"] {
            #expect(FileManager.default.fileExists(atPath: self.folder.url.appending(path: path).path), "\(path)")
        }
        // The example row imports from either template, and the configuration exports a feed as written.
        let workbook = try self.ocop.run(["catalog", "import", "catalog/mau-danh-sach-ocop.xlsx"])
        #expect(workbook.status == 0, "\(workbook.stderr)")
        // The folder speaks Vietnamese (ui_language: vi in the ocop.yaml it wrote).
        #expect(workbook.stdout.contains("đã nhập 1 dòng: mới 1,"), "\(workbook.stdout)")
        let csv = try self.ocop.run(["catalog", "import", "catalog/mau-danh-sach-ocop.csv"])
        #expect(csv.stdout.contains("không thay đổi 1"), "\(csv.stderr)")
        let export = try self.ocop.run(["feed", "export", "google-merchant"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: self.folder.url.appending(path: "feeds/google-merchant.xml").path)
        )
        let again = try self.ocop.run(["init"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("exists already: it is kept (pass --force"))
    }
}
