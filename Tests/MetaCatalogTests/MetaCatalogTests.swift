import FeedKit
import Foundation
import Groundwork
import MetaCatalog
import OCOPCatalog
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct MetaCatalogTests {
    let adapter = MetaCatalogAdapter()
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    @Test(arguments: FeedFormat.allCases)
    func theSampleExportMatchesTheGoldenFeedAndPassesValidation(format: FeedFormat) throws {
        let mapping = try Fixtures.mapping("meta-catalog")
        let exporter = FeedExporter(adapter: self.adapter, mapping: mapping, context: Fixtures.sampleContext)
        let output = self.folder.url.appending(path: "meta-catalog.\(format.fileExtension)")
        _ = try exporter.export(from: try Fixtures.sampleCatalog(), format: format, to: output)
        #expect(
            try Data(contentsOf: output)
                == Data(contentsOf: Fixtures.feeds.appending(path: "meta-catalog.\(format.fileExtension)"))
        )
        let report = try FeedFileValidator(adapter: self.adapter, mapping: mapping).validate(
            output,
            file: output.lastPathComponent
        )
        #expect(report.items == 39 && report.errors == 0, "\(report.findings)")
    }

    @Test func metaSpellsAvailabilityInWordsAndKeepsTheStarInALabel() throws {
        let product = try Fixtures.sampleProduct("MT-MO-RUNG")
        let listing = self.adapter.listing(
            for: product,
            mapping: try Fixtures.mapping("meta-catalog"),
            context: Fixtures.sampleContext
        )
        #expect(listing.value("availability") == "in stock")
        #expect(listing.value("condition") == "new")
        #expect(listing.value("custom_label_0") == "ocop_4_sao")
        #expect(listing.value("description") != listing.value("title"))
    }

    @Test func itemsBatchLinesReadBackAndBadOnesAreNamed() throws {
        let listing = Listing(id: "A1", attributes: [.text("id", "A1"), .text("title", "Tiêu đen")])
        let line = self.adapter.json(for: listing, context: Fixtures.sampleContext)
        #expect(line.serialized == "{\"method\":\"UPDATE\",\"data\":{\"id\":\"A1\",\"title\":\"Tiêu đen\"}}")
        #expect(try self.adapter.listing(fromJSON: line) == listing)
        let error = try #require(throws: FeedError.self) {
            try self.adapter.listing(fromJSON: .object([("method", .string("PATCH"))]))
        }
        #expect(error.message.contains("CREATE, UPDATE or DELETE"))
    }

    @Test func googleAvailabilitySpellingIsAnErrorForMeta() throws {
        let validator = Validator(mapping: try Fixtures.mapping("meta-catalog"))
        let findings = validator.validate(Listing(id: "A", attributes: [.text("availability", "in_stock")]))
        #expect(findings.contains { $0.attribute == "availability" && $0.rule == "enum" })
    }
}
