import GRDB

/// Where each column a product is read from sits in a row of the products query, found once per query
/// instead of by name in every row: GRDB matches a name case-insensitively, column by column.
struct ProductColumns {
    let address: Int
    let brand: Int
    let categoryOverrides: Int
    let code: Int
    let commune: Int
    let decisionDate: Int
    let decisionNumber: Int
    let description: Int
    let email: Int
    let expires: Int
    let gtin: Int
    let heightMillimetres: Int
    let images: Int
    let ingredients: Int
    let issuedBy: Int
    let legacyDistrict: Int
    let lengthMillimetres: Int
    let link: Int
    let marketplaces: Int
    let mpn: Int
    let name: Int
    let netQuantity: Int
    let phone: Int
    let priceVND: Int
    let producerName: Int
    let producerType: Int
    let productGroup: Int
    let province: Int
    let salePriceVND: Int
    let shelfLife: Int
    let star: Int
    let status: Int
    let stock: Int
    let storage: Int
    let subgroup: Int
    let taxCode: Int
    let weightGrams: Int
    let widthMillimetres: Int

    /// The positions of the columns named `columnNames` (a query's, in order); the leftmost column of a name,
    /// as a lookup by name finds it. Throws when the query lacks one.
    init(_ columnNames: [String]) throws(CatalogError) {
        var positions: [String: Int] = [:]
        for (position, name) in columnNames.enumerated() {
            let key = name.lowercased()
            if positions[key] == nil { positions[key] = position }
        }
        func index(_ name: String) throws(CatalogError) -> Int {
            guard let position = positions[name.lowercased()] else {
                throw CatalogError(.database, "the catalogue's products query has no column \(name)")
            }
            return position
        }
        self.address = try index("address")
        self.brand = try index("brand")
        self.categoryOverrides = try index("categoryOverrides")
        self.code = try index("code")
        self.commune = try index("commune")
        self.decisionDate = try index("decisionDate")
        self.decisionNumber = try index("decisionNumber")
        self.description = try index("description")
        self.email = try index("email")
        self.expires = try index("expires")
        self.gtin = try index("gtin")
        self.heightMillimetres = try index("heightMillimetres")
        self.images = try index("images")
        self.ingredients = try index("ingredients")
        self.issuedBy = try index("issuedBy")
        self.legacyDistrict = try index("legacyDistrict")
        self.lengthMillimetres = try index("lengthMillimetres")
        self.link = try index("link")
        self.marketplaces = try index("marketplaces")
        self.mpn = try index("mpn")
        self.name = try index("name")
        self.netQuantity = try index("netQuantity")
        self.phone = try index("phone")
        self.priceVND = try index("priceVND")
        self.producerName = try index("producerName")
        self.producerType = try index("producerType")
        self.productGroup = try index("productGroup")
        self.province = try index("province")
        self.salePriceVND = try index("salePriceVND")
        self.shelfLife = try index("shelfLife")
        self.star = try index("star")
        self.status = try index("status")
        self.stock = try index("stock")
        self.storage = try index("storage")
        self.subgroup = try index("subgroup")
        self.taxCode = try index("taxCode")
        self.weightGrams = try index("weightGrams")
        self.widthMillimetres = try index("widthMillimetres")
    }
}
