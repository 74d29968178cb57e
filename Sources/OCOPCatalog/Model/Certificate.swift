/// An OCOP recognition decision for one product.
public struct Certificate: Hashable, Sendable, Codable {
    /// Certificates are valid for 36 months from the decision unless the decision says otherwise.
    public static let defaultValidityMonths = 36

    /// Whether the certificate still stands: revocation is recorded, expiry is computed.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case active
        case revoked

        /// The status's wording in provincial lists.
        public var vietnameseName: String {
            switch self {
            case .active: "Còn hiệu lực"
            case .revoked: "Thu hồi"
            }
        }

        /// Accepts the English id or the exact Vietnamese wording.
        public init?(spelling: String) {
            // Any case, with or without accents, as the headings are: `thực phẩm`, `THU HOI`.
            guard let status = Self.spellings.value(for: spelling) else { return nil }
            self = status
        }

        private static let spellings = SpellingTable(Self.allCases.map { ($0, [$0.rawValue, $0.vietnameseName]) })
    }

    /// Where a certificate stands on a given day.
    public enum Standing: String, Hashable, Sendable, Codable {
        /// Valid, and not within the warning window.
        case active
        /// Valid, but expiring within the warning window.
        case expiring
        /// Past its expiry date.
        case expired
        /// Revoked by the authority.
        case revoked

        /// Whether a product with this standing may carry the OCOP mark and star on that day.
        public var isPublishable: Bool { self == .active || self == .expiring }
    }

    public var star: Star
    /// The recognition decision, e.g. `2719/QĐ-UBND`.
    public var decisionNumber: String
    public var decisionDate: CalendarDate
    /// The province's People's Committee for 3–4★, the ministry for 5★.
    public var issuedBy: String
    /// The last day the certificate is valid.
    public var expires: CalendarDate
    public var status: Status

    /// Creates a certificate; `expires` defaults to the decision date plus 36 months.
    public init(
        star: Star,
        decisionNumber: String,
        decisionDate: CalendarDate,
        issuedBy: String,
        expires: CalendarDate? = nil,
        status: Status = .active
    ) {
        self.star = star
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.issuedBy = issuedBy
        self.expires = expires ?? decisionDate.adding(months: Self.defaultValidityMonths)
        self.status = status
    }

    /// The certificate's standing on `today`, warning `warningDays` ahead of expiry.
    public func standing(on today: CalendarDate, warningDays: Int = 60) -> Standing {
        if self.status == .revoked { return .revoked }
        if today > self.expires { return .expired }
        return today.days(until: self.expires) <= warningDays ? .expiring : .active
    }
}
