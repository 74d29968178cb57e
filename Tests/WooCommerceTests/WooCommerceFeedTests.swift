import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import TestSupport
import Testing
import WooCommerce

@Suite(.timeLimit(.minutes(1))) struct WooCommerceFeedTests {
    let adapter = WooCommerceAdapter()

    @Test func theSampleExportMatchesTheGoldenFileAndReadsBackValid() throws {
        let folder = try TemporaryFolder()
        let mapping = try Fixtures.mapping("woocommerce")
        let exporter = FeedExporter(adapter: self.adapter, mapping: mapping, context: Fixtures.sampleContext)
        let output = folder.url.appending(path: "woocommerce.jsonl")
        _ = try exporter.export(from: try Fixtures.sampleCatalog(), format: .json, to: output)
        #expect(try Data(contentsOf: output) == Data(contentsOf: Fixtures.feeds.appending(path: "woocommerce.jsonl")))
        let report = try FeedFileValidator(adapter: self.adapter, mapping: mapping).validate(
            output,
            file: "woocommerce.jsonl"
        )
        #expect(report.items == 41 && report.errors == 0, "\(report.findings)")
    }

    @Test(arguments: [
        ("KC-CHON-250", "16"), ("DMC-MC-500", "17"), ("MT-MO-RUNG", "18"), ("NTS-SCL-70", "19"), ("NS-TRA-MC", "20"),
        ("ES-GAO-BRIET", "21"), ("TP-TIEU-DEN", "22"), ("KP-SR-SAY", "23"), ("DLH-LINHCHI", "25"),
        ("RC-RUOU-CAN", "26"),
        ("TB-KHAN-THOCAM", "27"), ("HA-LAN-HD", "28"), ("PY-NUOCMAM-GC", "22"),
    ])
    func sampleProductsLandInTheShopsCategories(code: String, category: String) throws {
        let listing = self.adapter.listing(
            for: try Fixtures.sampleProduct(code),
            mapping: try Fixtures.mapping("woocommerce"),
            context: Fixtures.sampleContext
        )
        #expect(listing.value("category") == category)
    }

    @Test func pricesAreWholeDongStringsAndWeightsKilograms() throws {
        let listing = self.adapter.listing(
            for: try Fixtures.sampleProduct("KC-CHON-250"),
            mapping: try Fixtures.mapping("woocommerce"),
            context: Fixtures.sampleContext
        )
        let json = self.adapter.json(for: listing, context: Fixtures.sampleContext)
        #expect(json["regular_price"] == .string("1250000"))
        #expect(json["weight"] == .string("0.3"))
        #expect(json["categories"] == .array([.object([("id", .number("16"))])]))
        #expect(try self.adapter.listing(fromJSON: json) == listing)
    }
}
