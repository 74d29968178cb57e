public import Foundation
import Groundwork

/// Turns a ``CatalogRow`` into a ``Product``, checking every value and naming every problem.
public struct ProductRowDecoder: Sendable {
    /// The marketplaces a row may name in `marketplaces`; empty for any well-formed id.
    public var marketplaces: [MarketplaceID]
    /// The decision dates taken: the OCOP programme began in 2018 (Decision 490/QĐ-TTg), and a date past next
    /// year is a typo.
    public var decisionDates: ClosedRange<CalendarDate>

    /// Creates a decoder that takes the ids in `marketplaces` (any well-formed one when empty) and decision
    /// dates from 2018 to the end of the year after `today`.
    public init(marketplaces: [MarketplaceID] = [], today: CalendarDate = CalendarDate(Date())) {
        self.marketplaces = marketplaces
        let programmeStart = CalendarDate(year: 2018, month: 1, day: 1) ?? .first
        let endOfNextYear = CalendarDate(year: today.year + 1, month: 12, day: 31) ?? .last
        self.decisionDates = programmeStart...endOfNextYear
    }

    /// The product, or every problem the row has (each naming file, line, column and reason).
    public func decode(_ row: CatalogRow) -> Result<Product, RowProblems> {
        var problems = row.problems

        func required(_ column: CatalogColumn) -> String? {
            guard let value = row[column] else {
                // A value that could not be read (not UTF-8) is already reported; do not say it twice.
                if !row.problems.contains(where: { $0.column == column.rawValue }) {
                    problems.append(row.problem(column.rawValue, ImportMessages.requiredButEmpty))
                }
                return nil
            }
            return value
        }
        func optional(_ column: CatalogColumn) -> String? { row[column] }
        func parse<Value>(
            _ column: CatalogColumn,
            required isRequired: Bool = false,
            _ parser: (String) -> Result<Value, RowProblem.Reason>
        ) -> Value? {
            guard let text = isRequired ? required(column) : optional(column) else { return nil }
            switch parser(text) {
            case .success(let value): return value
            case .failure(let reason):
                problems.append(row.problem(column.rawValue, reason.text))
                return nil
            }
        }
        func choice<Value>(
            _ column: CatalogColumn,
            _ make: (String) -> Value?,
            expected: @autoclosure () -> [(english: String, vietnamese: String)]
        ) -> Value? {
            parse(column, required: CatalogColumn.required.contains(column)) { text in
                make(text).map { .success($0) } ?? .failure(.init(ImportMessages.notOneOf(text, expected())))
            }
        }

        // Identity and text.
        let code = parse(.code, required: true) { text in
            ProductCode(text).map { .success($0) }
                ?? .failure(.init(ImportMessages.notAProductCode(text)))
        }
        let name = required(.name)
        let group = choice(
            .group,
            ProductGroup.init(spelling:),
            expected: ProductGroup.allCases.map { ($0.rawValue, $0.vietnameseName) }
        )

        // Certificate.
        let star = parse(.star, required: true, ValueParsers.star)
        let decisionNumber = required(.decisionNumber)
        let decisionDate = parse(.decisionDate, required: true, ValueParsers.date)
        let expires = parse(.expires, ValueParsers.date)
        let status = choice(
            .certificateStatus,
            Certificate.Status.init(spelling:),
            expected: Certificate.Status.allCases.map { ($0.rawValue, $0.vietnameseName) }
        )
        if let decisionDate, !self.decisionDates.contains(decisionDate) {
            problems.append(
                row.problem(
                    "decision_date",
                    ImportMessages.notADecisionDate(
                        decisionDate,
                        from: self.decisionDates.lowerBound.year,
                        to: self.decisionDates.upperBound.year
                    )
                )
            )
        }
        if let decisionDate, let expires, expires <= decisionDate {
            problems.append(row.problem("expires", ImportMessages.expiresBeforeDecision(expires, decisionDate)))
        } else if let decisionDate, let expires, expires > decisionDate.adding(months: 120) {
            problems.append(row.problem("expires", ImportMessages.expiresTooLate(expires, decisionDate)))
        }

        // Producer.
        let producerName = required(.producer)
        let province = required(.province)
        let producerType = choice(
            .producerType,
            ProducerType.init(spelling:),
            expected: ProducerType.allCases.map { ($0.rawValue, $0.vietnameseName) }
        )
        let taxCode = parse(.taxCode) { text in
            Producer.isValidTaxCode(text)
                ? .success(text) : .failure(.init(ImportMessages.notATaxCode(text)))
        }

        // Offer.
        let price = parse(.price, required: true, ValueParsers.vnd)
        let salePrice = parse(.salePrice, ValueParsers.vnd)
        if let price, price.amount == 0 { problems.append(row.problem("price", ImportMessages.priceNotPositive)) }
        if let salePrice, salePrice.amount == 0 {
            problems.append(row.problem("sale_price", ImportMessages.salePriceNotPositive))
        }
        if let price, let salePrice, salePrice >= price {
            problems.append(row.problem("sale_price", ImportMessages.salePriceNotBelowPrice(salePrice, price)))
        }
        let stock = parse(.stock) { ValueParsers.wholeNumber($0) }
        let netQuantity = parse(.netQuantity) { text in
            NetQuantity(parsing: text).map { .success($0) }
                ?? .failure(.init(ImportMessages.notANetQuantity(text)))
        }
        let weight = parse(.weightGrams) { ValueParsers.wholeNumber($0, minimum: 1) }
        let length = parse(.lengthCm, ValueParsers.millimetres(fromCentimetres:))
        let width = parse(.widthCm, ValueParsers.millimetres(fromCentimetres:))
        let height = parse(.heightCm, ValueParsers.millimetres(fromCentimetres:))
        let sizeColumns = (length == nil ? 0 : 1) + (width == nil ? 0 : 1) + (height == nil ? 0 : 1)
        if sizeColumns > 0 && sizeColumns < 3 {
            problems.append(row.problem("length_cm", ImportMessages.allThreeSizes))
        }
        let gtin = parse(.gtin, ValueParsers.gtin)

        // Links.
        var images: [String] = []
        if let text = required(.images) {
            if let plain = ValueParsers.plainURLs(text) {
                images = plain  // nearly every row: addresses taken as they are, no piece split off and re-read
            } else {
                for part in ValueParsers.urls(text) {
                    switch ValueParsers.url(part) {
                    case .success(let url): images.append(url)
                    case .failure(let reason): problems.append(row.problem("images", reason.text))
                    }
                }
            }
        }
        let link = parse(.link, ValueParsers.url)
        var marketplaces: Set<MarketplaceID>?
        if let text = optional(.marketplaces) {
            var chosen: Set<MarketplaceID> = []
            for id in text.split(separator: "|").map({ $0.trimmingSpaces }) where !id.isEmpty {
                if let marketplace = MarketplaceID(id),
                    self.marketplaces.isEmpty || self.marketplaces.contains(marketplace)
                {
                    chosen.insert(marketplace)
                } else {
                    let known = self.marketplaces.map(\.rawValue).joined(separator: ", ")
                    problems.append(
                        row.problem(
                            "marketplaces",
                            known.isEmpty
                                ? ImportMessages.notAMarketplaceID(String(id))
                                : ImportMessages.unknownMarketplace(String(id), known: known)
                        )
                    )
                }
            }
            marketplaces = chosen
        }

        guard problems.isEmpty, let code, let name, let group, let star, let decisionNumber, let decisionDate,
            let producerName, let province, let price
        else {
            return .failure(RowProblems(all: problems))
        }
        let producer = Producer(
            name: producerName,
            type: producerType,
            taxCode: taxCode,
            province: province,
            commune: row[.commune],
            legacyDistrict: row[.district],
            address: row[.address],
            phone: row[.phone],
            email: row[.email]
        )
        let certificate = Certificate(
            star: star,
            decisionNumber: decisionNumber,
            decisionDate: decisionDate,
            issuedBy: row[.issuedBy] ?? star.issuingAuthority(province: province),
            expires: expires,
            status: status ?? .active
        )
        return .success(
            Product(
                code: code,
                name: name,
                description: row[.description],
                group: group,
                subgroup: row[.subgroup],
                brand: row[.brand],
                price: price,
                salePrice: salePrice,
                stock: stock,
                netQuantity: netQuantity,
                weightGrams: weight,
                packageSize: length.flatMap { length in
                    width.flatMap { width in
                        height.map {
                            PackageSize(lengthMillimetres: length, widthMillimetres: width, heightMillimetres: $0)
                        }
                    }
                },
                gtin: gtin,
                mpn: row[.mpn],
                images: images,
                link: link,
                shelfLife: row[.shelfLife],
                ingredients: row[.ingredients],
                storage: row[.storage],
                marketplaces: marketplaces,
                categoryOverrides: row.categoryOverrides,
                certificate: certificate,
                producer: producer
            )
        )
    }
}
