/// How much of the product a unit holds, as printed on the pack: `500 g`, `750 ml`, `1 hộp`.
public struct NetQuantity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount, in thousandths so that `0,5 kg` stays exact.
    public var thousandths: Int64
    /// The unit as written (`g`, `kg`, `ml`, `l`, `hộp`, `túi`…).
    public var unit: String

    /// Parses a number (decimal comma or point) followed by a unit, with or without a space between.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces
        let numberEnd: String.Index
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, as quantities nearly always are: its characters are its bytes (`\r\n` ends a number either
            // way), so the number ends at the first byte that is not a digit, `.` or `,`.
            numberEnd =
                trimmed.utf8.firstIndex {
                    !((48...57).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ","))
                } ?? trimmed.endIndex
        } else {
            numberEnd =
                trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == ",")) } ?? trimmed.endIndex
        }
        let unit = trimmed[numberEnd...].trimmingSpaces
        let parts = trimmed[..<numberEnd].split(omittingEmptySubsequences: false) { $0 == "." || $0 == "," }
        guard !unit.isEmpty, (1...2).contains(parts.count), let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            guard (1...3).contains(parts[1].count), let digits = Int64(parts[1]) else { return nil }
            fraction = digits * [100, 10, 1][parts[1].count - 1]
        }
        guard whole > 0 || fraction > 0 else { return nil }
        // More digits than thousandths can count is no quantity (and must not trap).
        let (scaled, tooLarge) = whole.multipliedReportingOverflow(by: 1000)
        guard !tooLarge, scaled <= Int64.max - fraction else { return nil }
        self.thousandths = scaled + fraction
        self.unit = unit
    }

    /// `500 g`, `0.5 kg`.
    public var description: String {
        let whole = self.thousandths / 1000
        let fraction = self.thousandths % 1000
        guard fraction != 0 else { return "\(whole) \(self.unit)" }
        var decimals = String(fraction)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(whole).\(decimals) \(self.unit)"
    }
}
