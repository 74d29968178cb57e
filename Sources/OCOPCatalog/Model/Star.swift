/// An OCOP rating that can be certified: 3★, 4★ or 5★.
///
/// 1★ and 2★ are scores of the evaluation, not certifications, so they cannot be represented here.
public enum Star: Int, Hashable, Comparable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case three = 3
    case four = 4
    case five = 5

    /// Who recognises this rating since 1 July 2025 (Decision 1489/QĐ-TTg): the province for 3–4★, the
    /// Ministry of Agriculture and Environment for 5★ ("national OCOP").
    public func issuingAuthority(province: String) -> String {
        switch self {
        case .three, .four: "UBND tỉnh \(province)"
        case .five: "Bộ Nông nghiệp và Môi trường"
        }
    }

    public static func < (lhs: Star, rhs: Star) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `4★`.
    public var description: String { "\(self.rawValue)★" }
}
