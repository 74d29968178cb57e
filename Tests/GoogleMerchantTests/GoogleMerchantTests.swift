import FeedKit
import Foundation
import GoogleMerchant
import Groundwork
import OCOPCatalog
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct GoogleMerchantTests {
    let adapter = GoogleMerchantAdapter()
    let folder: TemporaryFolder
    let exporter: FeedExporter

    init() throws {
        self.folder = try TemporaryFolder()
        self.exporter = FeedExporter(
            adapter: self.adapter,
            mapping: try Fixtures.mapping("google-merchant"),
            context: Fixtures.sampleContext
        )
    }

    @Test(arguments: FeedFormat.allCases)
    func theSampleExportMatchesTheGoldenFeedByteForByte(format: FeedFormat) throws {
        let output = self.folder.url.appending(path: "google-merchant.\(format.fileExtension)")
        let report = try self.exporter.export(from: try Fixtures.sampleCatalog(), format: format, to: output)
        #expect(report.valid == 40)
        let golden = Fixtures.feeds.appending(path: "google-merchant.\(format.fileExtension)")
        #expect(try Data(contentsOf: output) == Data(contentsOf: golden))
    }

    @Test(arguments: FeedFormat.allCases)
    func theExportedFeedPassesOurOwnValidationAndTheXSD(format: FeedFormat) throws {
        let validator = try FeedFileValidator(adapter: self.adapter, mapping: try Fixtures.mapping("google-merchant"))
        let golden = Fixtures.feeds.appending(path: "google-merchant.\(format.fileExtension)")
        let report = try validator.validate(golden, file: golden.lastPathComponent)
        #expect(report.items == 40)
        #expect(report.errors == 0, "\(report.findings)")
    }

    @Test func expiredRevokedAndServiceProductsAreWithdrawnWithTheirReason() throws {
        let report = try self.exporter.export(
            from: try Fixtures.sampleCatalog(),
            format: .xml,
            to: self.folder.url.appending(path: "feed.xml")
        )
        let withdrawn = Dictionary(grouping: report.findings.filter { $0.severity == .error }, by: \.item).mapValues {
            $0.map(\.rule)
        }
        #expect(
            withdrawn == [
                "AK-DULICH": ["physical_goods"], "DLH-TRA-ATISO": ["certificate"], "KL-MO-LENMEN": ["certificate"],
                "PY-TOI-TRAT": ["certificate"], "TP-TIEU-DO": ["certificate"],
            ]
        )
        let expiring = Set(report.findings.filter { $0.rule == "certificate_expiring" }.map(\.item))
        #expect(expiring.contains("NTS-SCL-HST") && report.warnings == 8)
        let feed = try String(contentsOf: self.folder.url.appending(path: "feed.xml"), encoding: .utf8)
        #expect(!feed.contains("AK-DULICH") && !feed.contains("TP-TIEU-DO") && feed.contains("NTS-SCL-HST"))
    }

    @Test func theStarGoesIntoProductDetailAndACustomLabelNeverCertification() throws {
        let product = try Fixtures.sampleProduct("KC-CHON-250")
        let listing = self.adapter.listing(
            for: product,
            mapping: try Fixtures.mapping("google-merchant"),
            context: Fixtures.sampleContext
        )
        #expect(listing.value("custom_label_0") == "ocop_5_sao")
        #expect(listing.values("certification").isEmpty)
        #expect(
            listing.attributes.contains(
                Attribute(
                    "product_detail",
                    .group([
                        .text("section_name", "Chứng nhận OCOP"), .text("attribute_name", "Hạng sao"),
                        .text("attribute_value", "5 sao (OCOP quốc gia)"),
                    ])
                )
            )
        )
        #expect(listing.value("price") == "1250000 VND")
        #expect(listing.value("link") == "https://ocop.daklak.example.vn/san-pham/ca-phe-chon-kien-cuong-250-g")
    }

    @Test(arguments: [
        ("KC-CHON-250", "1868"), ("DMC-MC-500", "433"), ("KP-SR-DONA", "5795"), ("KP-SR-SAY", "1755"),
        ("MT-MO-RUNG", "4947"), ("NTS-SCL-70", "4748"), ("NTS-CACAO-3IN1", "415"), ("TP-TIEU-DEN", "6199"),
        ("ES-GAO-BRIET", "4682"), ("TB-KHAN-THOCAM", "177"), ("TB-TUI-THOCAM", "3032"), ("PY-NUOCMAM-GC", "5763"),
        ("NS-TRA-MC", "2073"), ("RC-RUOU-CAN", "417"), ("HA-LAN-HD", "985"), ("PY-SAMNGOC-TH", "2073"),
    ])
    func sampleProductsMapToTheirGoogleTaxonomyID(code: String, category: String) throws {
        let product = try Fixtures.sampleProduct(code)
        let listing = self.adapter.listing(
            for: product,
            mapping: try Fixtures.mapping("google-merchant"),
            context: Fixtures.sampleContext
        )
        #expect(listing.value("google_product_category") == category)
    }

    @Test func everySampleProductGetsACategory() throws {
        let mapping = try Fixtures.mapping("google-merchant")
        var missing: [String] = []
        try Fixtures.sampleCatalog().forEachProduct { product in
            let listing = self.adapter.listing(for: product, mapping: mapping, context: Fixtures.sampleContext)
            if listing.value("google_product_category") == nil && product.group.isPhysicalGood {
                missing.append(product.code.rawValue)
            }
        }
        #expect(missing.isEmpty)
    }

    @Test func merchantAPIPricesAreMicrosAndTheJSONReadsBackToTheSameListing() throws {
        let mapping = try Fixtures.mapping("google-merchant")
        let product = try Fixtures.sampleProduct("DMC-MC-500")
        let listing = self.adapter.listing(for: product, mapping: mapping, context: Fixtures.sampleContext)
        let json = self.adapter.json(for: listing, context: Fixtures.sampleContext)
        #expect(
            json["productAttributes"]?["price"]
                == .object([("amountMicros", .string("285000000000")), ("currencyCode", .string("VND"))])
        )
        #expect(json["productAttributes"]?["availability"] == .string("IN_STOCK"))
        let back = try self.adapter.listing(fromJSON: try JSONValue.parse(Data(json.serialized.utf8)))
        let sortedNames = { (listing: Listing) in listing.attributes.map(\.name).sorted() }
        // Every attribute comes back but ships_from_country: an XML feed attribute with no Merchant API field.
        #expect(sortedNames(back) == sortedNames(listing).filter { $0 != "ships_from_country" })
        #expect(json["productAttributes"]?["shipsFromCountry"] == nil)
        #expect(back.value("price") == "285000 VND" && back.value("sale_price") == "259000 VND")
        #expect(Validator(mapping: mapping).validate(back).isEmpty)
    }

    @Test func aHandMadeBadFeedReportsEachPlantedError() throws {
        let item = { (id: String, fields: String) in
            "<item><g:id>\(id)</g:id><g:description>Đặc sản</g:description><g:image_link>https://cdn.example.vn/\(id).jpg</g:image_link><g:brand>HTX</g:brand><g:gtin>8934588013058</g:gtin>\(fields)</item>"
        }
        let ok = "<g:title>Cà phê</g:title><g:link>https://shop.vn/a</g:link><g:availability>in_stock</g:availability>"
        let feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:g="http://base.google.com/ns/1.0" xmlns:h="http://base.google.com/ns/2.0"><channel>
            \(item("NS", ok + "<h:price>185000 VND</h:price>"))
            \(item("NOPRICE", ok))
            \(item("TITLE", "<g:title>\(String(repeating: "Cà phê ", count: 22))</g:title><g:link>https://shop.vn/a</g:link><g:availability>in_stock</g:availability><g:price>1 VND</g:price>"))
            \(item("GTIN", ok + "<g:price>1 VND</g:price>").replacingOccurrences(of: "8934588013058", with: "8934588013051"))
            \(item("LINK", "<g:title>Trà</g:title><g:link>https://shop.vn/trà</g:link><g:availability>in_stock</g:availability><g:price>1 VND</g:price>"))
            \(item("STOCK", "<g:title>Gạo</g:title><g:link>https://shop.vn/g</g:link><g:availability>còn hàng</g:availability><g:price>1 VND</g:price>"))
            </channel></rss>
            """
        let file = try self.folder.write("bad.xml", feed)
        let validator = try FeedFileValidator(adapter: self.adapter, mapping: try Fixtures.mapping("google-merchant"))
        let report = try validator.validate(file, file: "bad.xml")
        let planted = Set(report.findings.filter { $0.item != "feed" }.map { "\($0.item) \($0.attribute) \($0.rule)" })
        #expect(
            planted == [
                "NS price namespace", "NS price required", "NOPRICE price required", "TITLE title max_length",
                "GTIN gtin format", "LINK link format", "STOCK availability enum",
            ]
        )
        #expect(report.valid == 0)
        #expect(
            report.findings.contains { $0.item == "feed" && $0.rule == "schema" && $0.message.contains("ns/2.0}price") }
        )
    }
}
