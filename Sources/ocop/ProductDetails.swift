import OCOPCatalog

/// The text of `ocop catalog show`.
struct ProductDetails {
    var product: Product
    var today: CalendarDate

    var text: String {
        let product = self.product
        let certificate = product.certificate
        let producer = product.producer
        var lines: [(String, String?)] = [
            ("Code", product.code.rawValue),
            ("Name", product.name),
            ("Group", "\(product.group.rawValue) (\(product.group.vietnameseName))"),
            ("Subgroup", product.subgroup),
            ("Brand", product.brand),
            ("Price", product.price.description),
            ("Sale price", product.salePrice?.description),
            ("Stock", product.stock.map(String.init)),
            ("Net quantity", product.netQuantity?.description),
            ("Weight", product.weightGrams.map { "\($0) g" }),
            ("GTIN", product.gtin?.rawValue),
            ("MPN", product.mpn),
            ("Link", product.link),
            ("Shelf life", product.shelfLife),
            ("Ingredients", product.ingredients),
            ("Storage", product.storage),
            ("Marketplaces", product.marketplaces.map { $0.sorted().map(\.rawValue).joined(separator: ", ") } ?? "all"),
        ]
        if let size = product.packageSize {
            lines.append(
                ("Package", "\(size.lengthMillimetres) × \(size.widthMillimetres) × \(size.heightMillimetres) mm")
            )
        }
        for (marketplace, category) in product.categoryOverrides.sorted(by: { $0.key < $1.key }) {
            lines.append(("Category (\(marketplace))", category))
        }
        for (index, image) in product.images.enumerated() {
            lines.append(("Image \(index + 1)", image))
        }
        lines += [
            (
                "Certificate",
                "\(certificate.star) — \(certificate.decisionNumber) of \(certificate.decisionDate), \(certificate.issuedBy)"
            ),
            ("Expires", "\(certificate.expires) (\(certificate.standing(on: self.today).rawValue) on \(self.today))"),
            ("Producer", [producer.name, producer.type?.vietnameseName].compactMap { $0 }.joined(separator: " — ")),
            ("Tax code", producer.taxCode),
            (
                "Address",
                [producer.address, producer.commune, producer.legacyDistrict.map { "\($0) (cũ)" }, producer.province]
                    .compactMap { $0 }.joined(separator: ", ")
            ),
            ("Phone", producer.phone),
            ("Email", producer.email),
            ("Description", product.description),
        ]
        return lines.compactMap { label, value in value.map { (label + ":").padded(to: 15) + $0 } }.joined(
            separator: "\n"
        )
    }
}
