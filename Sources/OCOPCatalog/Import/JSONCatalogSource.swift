public import Foundation
import Groundwork

/// Reads catalogue rows from a JSON file: an array of objects (or `{"products": [...]}`) whose keys are the
/// column names or headings. Strings and numbers are values; an array of strings lists several values
/// (`images`, `marketplaces`); `null` is no value.
///
/// Each row is named by the line its object starts on, so messages look the same as for CSV.
public struct JSONCatalogSource: CatalogRowSource {
    /// A JSON catalogue larger than this is refused; split it, or use CSV, which streams.
    public static let maximumBytes = 256 << 20

    private let file: String
    private let ignoreUnknownColumns: Bool
    private let marketplaces: [MarketplaceID]
    private var objects: [(line: Int, object: JSONValue)]
    private var index = 0

    /// Reads and parses `url`. Throws when it is unreadable, not UTF-8, not JSON, or not a list of objects.
    /// A `<marketplace>_category` key must name one of `marketplaces` (any well-formed id when empty).
    public init(
        url: URL,
        file: String,
        ignoreUnknownColumns: Bool = false,
        marketplaces: [MarketplaceID] = []
    ) throws(CatalogError) {
        // The size is known before anything is read: a huge file is refused without holding it.
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= Self.maximumBytes else {
            throw CatalogError(
                .invalidInput,
                "\(file): larger than \(Self.maximumBytes >> 20) MiB; split it or use CSV"
            )
        }
        var data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw CatalogError(.unreadableFile, "\(file): cannot open: \((error as NSError).localizedDescription)")
        }
        // Again after reading: a pipe or a FIFO has no size to ask for beforehand.
        guard data.count <= Self.maximumBytes else {
            throw CatalogError(
                .invalidInput,
                "\(file): larger than \(Self.maximumBytes >> 20) MiB; split it or use CSV"
            )
        }
        // A byte-order mark, as Windows tools write, is taken as in CSV.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = Data(data.dropFirst(3)) }
        let bytes = [UInt8](data)
        if let badLine = Self.firstLineNotUTF8(bytes) {
            throw CatalogError(.invalidInput, "\(file):\(badLine): file: not valid UTF-8; save the file as UTF-8")
        }
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw CatalogError(.invalidInput, "\(file): file: \(error.message)")
        }
        let elements: [JSONValue]
        var nestedKey: String?
        switch root {
        case .array(let array):
            elements = array
        case .object:
            guard case .array(let array)? = root["products"] else { fallthrough }
            elements = array
            nestedKey = "products"
        default:
            throw CatalogError(
                .invalidInput,
                "\(file):1: file: expected an array of product objects (or {\"products\": [...]})"
            )
        }
        let lines = Self.elementLines(bytes, nestedKey: nestedKey)
        self.objects = elements.enumerated().map {
            (lines.indices.contains($0.offset) ? lines[$0.offset] : 1, $0.element)
        }
        self.file = file
        self.ignoreUnknownColumns = ignoreUnknownColumns
        self.marketplaces = marketplaces
    }

    public mutating func nextRow() throws(CatalogError) -> CatalogRow? {
        guard self.index < self.objects.count else { return nil }
        defer { self.index += 1 }
        let (line, element) = self.objects[self.index]
        var row = CatalogRow(file: self.file, line: line)
        guard case .object(let object) = element else {
            row.problems.append(row.problem("row", ImportMessages.expectedObject))
            return row
        }
        var seen: Set<CatalogColumn.Heading> = []
        for (key, value) in object {  // in document order
            guard let heading = CatalogColumn.recognise(key, marketplaces: self.marketplaces) else {
                if !self.ignoreUnknownColumns {
                    row.problems.append(
                        row.problem(key, ImportMessages.unknownKey)
                    )
                }
                continue
            }
            guard seen.insert(heading).inserted else {
                row.problems.append(row.problem(heading.name, ImportMessages.givenTwice))
                continue
            }
            row.writtenHeadings[heading] = key
            switch Self.text(of: value) {
            case .success(let text?) where text.utf8.count > CSVRecordReader.maximumFieldBytes:
                row.problems.append(
                    row.problem(heading.name, ImportMessages.longerThan(CSVRecordReader.maximumFieldBytes))
                )
            case .success(let text?): row.set(heading, text)
            case .success(nil): break
            case .failure(let reason): row.problems.append(row.problem(heading.name, reason.text))
            }
        }
        return row
    }

    /// A JSON value as column text; `nil` for `null`.
    private static func text(of value: JSONValue) -> Result<String?, RowProblem.Reason> {
        switch value {
        case .null: .success(nil)
        case .string(let string): .success(string)
        case .number(let text): .success(text)
        case .bool: .failure(.init(ImportMessages.notBoolean))
        case .array(let array):
            Result {
                try array.map { element in
                    guard case .string(let part) = element else {
                        throw RowProblem.Reason(ImportMessages.expectedTexts)
                    }
                    return part
                }.joined(separator: "|")
            }.mapError { $0 as? RowProblem.Reason ?? .init(ImportMessages.expectedTexts) }
        case .object: .failure(.init(ImportMessages.notAnObject))
        }
    }

    /// The 1-based line of the first byte sequence that is not UTF-8, or `nil` when all of it is.
    static func firstLineNotUTF8(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1
        for lineBytes in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(validating: lineBytes, as: UTF8.self) == nil { return line }
            line += 1
        }
        return line
    }

    /// The line on which each element of the product array starts, found by scanning the text (strings and
    /// nesting are followed, so braces inside values do not count).
    static func elementLines(_ bytes: [UInt8], nestedKey: String?) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        // For a bare array the elements sit at depth 1; inside {"products": [...]} at depth 2.
        let elementDepth = nestedKey == nil ? 1 : 2
        var expectingElement = false
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if expectingElement && depth == elementDepth { lines.append(line) }
                expectingElement = false
                depth += 1
                if byte == UInt8(ascii: "[") && depth == elementDepth { expectingElement = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                expectingElement = false
            case UInt8(ascii: ","):
                expectingElement = depth == elementDepth
            default:
                if expectingElement && depth == elementDepth { lines.append(line) }
                expectingElement = false
                if byte == UInt8(ascii: "\"") { inString = true }
            }
        }
        return lines
    }
}

extension RowProblem {
    /// A reason without its place, for helpers that do not know the row.
    struct Reason: Error {
        var text: LocalizedText
        init(_ text: LocalizedText) { self.text = text }
    }
}
