import FeedKit
public import Foundation
import Groundwork
import OCOPCatalog

/// The readers of OCOP Connect as fuzz targets: each takes any bytes and must end, without trapping, in a
/// value or one of our errors. `ocop-fuzz` runs them under libFuzzer (`make fuzz`); the suite replays every
/// file of `Tests/Fuzz/<target>/` through them, so each crash found stays fixed.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A CSV catalogue, each row decoded as an import decodes it.
    case csv
    /// A JSON catalogue, each row decoded.
    case jsonCatalog = "json-catalog"
    /// Our JSON parser alone.
    case json
    /// A JSON-lines feed.
    case jsonlFeed = "jsonl-feed"
    /// An XML feed, through the byte scanner and libxml2's streaming reader.
    case xmlFeed = "xml-feed"

    /// Runs the target on `data`; returns how many rows or items it read (for replay output).
    @discardableResult
    public func run(_ data: Data) -> Int {
        switch self {
        case .json:
            return (try? JSONValue.parse(data)) == nil ? 0 : 1
        case .csv, .jsonCatalog:
            let file = Self.scratch(data, extension: self == .csv ? "csv" : "json")
            defer { try? FileManager.default.removeItem(at: file) }
            let decoder = ProductRowDecoder()
            var rows = 0
            func drain<Source: CatalogRowSource & ~Copyable>(_ source: inout Source) {
                while let row = try? source.nextRow() {
                    _ = decoder.decode(row)
                    rows += 1
                }
            }
            if self == .csv {
                guard var source = try? CSVCatalogSource(url: file, file: "fuzz.csv") else { return 0 }
                drain(&source)
            } else {
                guard var source = try? JSONCatalogSource(url: file, file: "fuzz.json") else { return 0 }
                drain(&source)
            }
            return rows
        case .jsonlFeed:
            let file = Self.scratch(data, extension: "jsonl")
            defer { try? FileManager.default.removeItem(at: file) }
            guard
                var reader = try? JSONLinesFeedReader(
                    url: file,
                    file: "fuzz.jsonl",
                    decode: { value in
                        Listing(id: value["id"]?.text ?? "", attributes: FlatJSON.decode(value))
                    }
                )
            else { return 0 }
            var items = 0
            while (try? reader.next()) != nil { items += 1 }
            return items
        case .xmlFeed:
            let file = Self.scratch(data, extension: "xml")
            defer { try? FileManager.default.removeItem(at: file) }
            let dialect = RSSDialect(namespace: "http://base.google.com/ns/1.0", prefix: "g")
            guard var reader = try? RSSFeedReader(url: file, file: "fuzz.xml", dialect: dialect, schema: nil) else {
                return 0
            }
            var items = 0
            while (try? reader.next()) != nil { items += 1 }
            return items
        }
    }

    /// `data` in a scratch file of its own (the readers read files), removed by the caller.
    private static func scratch(_ data: Data, extension: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appending(
            path: "ocop-fuzz-\(UUID().uuidString).\(`extension`)"
        )
        try? data.write(to: url)
        return url
    }
}
