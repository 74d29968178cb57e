public import Foundation

/// A marketplace's published category taxonomy: Google's `taxonomy-with-ids` file (`1868 - Food, Beverages &
/// Tobacco > Beverages > Coffee`, one category a line, its version on a `#` line), which Google and Meta take
/// in `google_product_category`. An id not in it is refused by both, so it is an error before anything leaves.
public struct ProductTaxonomy: Sendable, Hashable {
    /// The version the file declares (`2021-09-21`), for messages.
    public let version: String
    /// Each category's path of names, by id.
    public let paths: [String: String]

    /// Reads a `taxonomy-with-ids` file; a line that is not `ID - PATH` is an error naming it.
    public init(contentsOf url: URL) throws(FeedError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FeedError(.mapping, "\(url.lastPathComponent): cannot read the taxonomy file")
        }
        try self.init(parsing: text, file: url.lastPathComponent)
    }

    /// Parses the text of a `taxonomy-with-ids` file.
    public init(parsing text: String, file: String) throws(FeedError) {
        var version = "unknown"
        var paths: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if let colon = line.firstIndex(of: ":") {
                    version = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            guard let separator = line.range(of: " - "), !line[..<separator.lowerBound].isEmpty,
                line[..<separator.lowerBound].allSatisfy(\.isASCII),
                line[..<separator.lowerBound].allSatisfy(\.isNumber)
            else {
                throw FeedError(.mapping, "\(file):\(index + 1): not a taxonomy line (ID - Path > To > Category)")
            }
            paths[String(line[..<separator.lowerBound])] = String(line[separator.upperBound...])
        }
        guard !paths.isEmpty else { throw FeedError(.mapping, "\(file): the taxonomy file has no categories") }
        self.version = version
        self.paths = paths
    }

    /// Whether `id` is a category of the taxonomy.
    public func contains(_ id: String) -> Bool { self.paths[id] != nil }
}
