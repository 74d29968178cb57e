import Foundation
import OCOPCatalog

/// Prints the catalogue, streaming: one product at a time from the database to stdout.
enum CatalogListing {
    static func writeJSON(_ database: CatalogDatabase, today: CalendarDate, warningDays: Int) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = BufferedOutput()
        var first = true
        output.write("[")
        try database.forEachProduct { product in
            output.write(first ? "\n  " : ",\n  ")
            first = false
            output.write(
                String(
                    decoding: try encoder.encode(CatalogEntry(product, today: today, warningDays: warningDays)),
                    as: UTF8.self
                )
            )
        }
        output.write(first ? "]\n" : "\n]\n")
        output.flush()
    }

    static func writeTable(_ database: CatalogDatabase, today: CalendarDate, warningDays: Int) throws {
        var output = BufferedOutput()
        var counts: [String: Int] = [:]
        output.write(row("CODE", "STAR", "STATUS", "EXPIRES", "PRICE", "NAME — PRODUCER"))
        try database.forEachProduct { product in
            let entry = CatalogEntry(product, today: today, warningDays: warningDays)
            counts[entry.status, default: 0] += 1
            output.write(
                row(
                    entry.code,
                    product.certificate.star.description,
                    entry.status,
                    entry.expires,
                    product.price.description,
                    "\(entry.name) — \(entry.producer)"
                ).terminalSafe
            )
        }
        let total = counts.values.reduce(0, +)
        let breakdown = ["active", "expiring", "expired", "revoked"].map { "\(counts[$0] ?? 0) \($0)" }
        output.write("\(total) products: \(breakdown.joined(separator: ", ")) (as of \(today))\n")
        output.flush()
    }

    private static func row(_ columns: String...) -> String {
        let widths = [16, 4, 8, 10, 12]
        var line = ""
        for (index, column) in columns.enumerated() {
            if index < widths.count {
                line += column.padded(to: widths[index] + 2)
            } else {
                line += column
            }
        }
        return line + "\n"
    }
}

/// Collects stdout in a buffer and writes it in large pieces.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) {
        self.buffer.append(contentsOf: text.utf8)
        if self.buffer.count >= 1 << 16 { self.flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(self.buffer))
        self.buffer.removeAll(keepingCapacity: true)
    }
}
