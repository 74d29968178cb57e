/// One line of `ocop catalog list`: the stable JSON shape scripts rely on (DESIGN §6).
public struct CatalogEntry: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var group: String
    public var star: Int
    public var producer: String
    /// Whole đồng.
    public var price: Int64
    /// `yyyy-mm-dd`.
    public var expires: String
    /// `active`, `expiring`, `expired` or `revoked`.
    public var status: String

    /// The entry for `product` as it stands on `today`.
    public init(_ product: Product, today: CalendarDate, warningDays: Int = 60) {
        self.code = product.code.rawValue
        self.name = product.name
        self.group = product.group.rawValue
        self.star = product.certificate.star.rawValue
        self.producer = product.producer.name
        self.price = product.price.amount
        self.expires = product.certificate.expires.description
        self.status = product.certificate.standing(on: today, warningDays: warningDays).rawValue
    }
}
