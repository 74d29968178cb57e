import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog
import Publishing
public import Reporting

extension Workspace {
    /// Where every product stands on every marketplace with an adapter: checked as an export checks it,
    /// compared with what the ledger says the marketplace holds, with the reasons for each state; every
    /// product's row while the catalogue is small, the summary alone beyond (``ReadinessReport/rowLimit``).
    public func readinessReport(
        today: CalendarDate,
        now: Date = Date(),
        runs: Int = 20,
        language: Language = .english
    ) throws -> ReadinessReport {
        let report = ReadinessReport(
            today: today,
            generated: now,
            marketplaces: Self.readinessMarketplaces,
            runs: try self.openCatalog().runs(limit: runs)
        )
        var filled = try self.readinessRows(today: today, language: language, into: report) { $0.add($1) }
        filled.finish()
        return filled
    }

    /// The same, kept small for the served pages: counts, problems grouped by reason, and a few words per
    /// product instead of every reason of every cell (``readinessRow(code:today:)`` gives those for one).
    public func readinessSnapshot(
        today: CalendarDate,
        now: Date = Date(),
        runs: Int = 20,
        language: Language = .english
    ) throws -> ReadinessSnapshot {
        let snapshot = ReadinessSnapshot(
            today: today,
            generated: now,
            marketplaces: Self.readinessMarketplaces,
            runs: try self.openCatalog().runs(limit: runs),
            // A damaged credential store is publishing's error to report, not the page's.
            connections: ((try? self.connections()) ?? []).map(\.status)
        )
        var filled = try self.readinessRows(today: today, language: language, into: snapshot) { $0.add($1) }
        filled.finish()
        return filled
    }

    /// One product's row with every reason; `nil` when the catalogue has no such code.
    public func readinessRow(code: String, today: CalendarDate, language: Language = .english) throws
        -> ReadinessReport.Row?
    {
        let database = try self.openCatalog()
        guard let code = ProductCode(code), let product = try database.product(code: code) else { return nil }
        // This product's ledger entries only (by its code as the catalogue spells it, whatever the letters asked
        // for): a product page must not read every marketplace's whole ledger.
        return try self.readiness(today: today, database: database, code: product.code.rawValue, language: language)
            .row(for: product)
    }

    /// Each product's row, in catalogue order, added to `accumulator`. The listings are built here while a
    /// second core applies the marketplaces' rules to them and adds the rows (as an export does).
    func readinessRows<Accumulator: Sendable>(
        today: CalendarDate,
        language: Language,
        into accumulator: Accumulator,
        add: @escaping @Sendable (inout Accumulator, ReadinessReport.Row) -> Void
    ) throws -> Accumulator {
        let database = try self.openCatalog()
        let judge = try self.readiness(today: today, database: database, language: language)
        // Both threads share the judge's exporters, which are immutable; this thread only prepares (listings and
        // the OCOP rules), and only the consumer validates: the compiled patterns are not `Sendable`.
        let state = PipelineState((judge: judge, rows: accumulator))
        try OrderedPipeline.run(work: { (batch: [ReadinessJudge.Prepared]) in
            for prepared in batch { add(&state.value.rows, state.value.judge.row(for: prepared)) }
        }) { emit in
            try database.forEachProduct { emit(judge.prepare($0)) }
        }
        return state.value.rows
    }

    private static var readinessMarketplaces: [String] { AdapterRegistry.adapters.map(\.marketplace.rawValue) }

    /// What judges one product on every marketplace: each one's exporter and ledger.
    private struct ReadinessJudge {
        /// One marketplace's exporter and ledger. A class, so that each product's pass over the marketplaces
        /// copies a reference rather than every field of an exporter (a tenth of the work when they were copied).
        final class Marketplace {
            let id: String
            let exporter: FeedExporter
            let ledger: [String: LedgerEntry]

            init(id: String, exporter: FeedExporter, ledger: [String: LedgerEntry]) {
                self.id = id
                self.exporter = exporter
                self.ledger = ledger
            }
        }

        let today: CalendarDate
        let marketplaces: [Marketplace]
        let language: Language

        /// How a product stands on one marketplace before the marketplace's rules are applied.
        enum Standing: Sendable {
            /// The product's marketplaces column leaves this one out.
            case notOffered
            /// The OCOP rules withdraw it (their findings): its listing is neither built nor checked.
            case withdrawn([Finding])
            /// Its listing, and the OCOP rules' findings (warnings, or errors that do not withdraw).
            case listed(Listing, [Finding])
        }

        /// A product with its standing on each marketplace (in ``marketplaces`` order): the half of judging done
        /// before the marketplaces' rules.
        struct Prepared: Sendable {
            let product: Product
            let standings: [Standing]
        }

        func prepare(_ product: Product) -> Prepared {
            Prepared(
                product: product,
                standings: self.marketplaces.map { entry in
                    guard product.isOffered(on: entry.exporter.adapter.marketplace) else { return .notOffered }
                    let ocop = entry.exporter.ocopFindings(for: product)
                    let withdrawing = ocop.filter { $0.severity == .error && ValidationReport.withdraws($0) }
                    guard withdrawing.isEmpty else { return .withdrawn(withdrawing) }
                    return .listed(entry.exporter.listing(for: product), ocop)
                }
            )
        }

        /// The row of `prepared`: its listings checked against the marketplaces' rules.
        func row(for prepared: Prepared) -> ReadinessReport.Row {
            var cells: [String: ReadinessReport.Cell] = [:]
            for (index, entry) in self.marketplaces.enumerated() {
                cells[entry.id] = Workspace.cell(
                    prepared.product,
                    on: entry.exporter.adapter.marketplace,
                    standing: prepared.standings[index],
                    validate: entry.exporter.validate,
                    ledger: entry.ledger,
                    language: self.language
                )
            }
            let product = prepared.product
            return ReadinessReport.Row(
                code: product.code.rawValue,
                name: product.name,
                star: product.certificate.star.rawValue,
                producer: product.producer.name,
                thumbnail: product.images.first,
                expires: product.certificate.expires,
                standing: product.certificate.standing(on: self.today).rawValue,
                cells: cells
            )
        }

        /// The row of one product.
        func row(for product: Product) -> ReadinessReport.Row { self.row(for: self.prepare(product)) }
    }

    /// The judge of every product, or with `code` of that one product (its ledger entries alone are read).
    private func readiness(
        today: CalendarDate,
        database: CatalogDatabase,
        code: String? = nil,
        language: Language
    ) throws -> ReadinessJudge {
        let context = try self.context(today: today)
        return ReadinessJudge(
            today: today,
            marketplaces: try Self.readinessMarketplaces.map { id in
                let (adapter, mapping) = try self.resolve(id)
                return ReadinessJudge.Marketplace(
                    id: id,
                    exporter: FeedExporter(
                        adapter: adapter,
                        mapping: try self.withCategoryTree(mapping, database: database, today: today),
                        context: context
                    ),
                    ledger: try database.ledger(marketplace: id, code: code)
                )
            },
            language: language
        )
    }

    /// One product on one marketplace, from its standing there; a listing is checked by `validate`.
    private static func cell(
        _ product: Product,
        on marketplace: MarketplaceID,
        standing: ReadinessJudge.Standing,
        validate: (Listing) -> [Finding],
        ledger: [String: LedgerEntry],
        language: Language
    ) -> ReadinessReport.Cell {
        let listing: Listing
        let findings: [Finding]
        switch standing {
        case .withdrawn(let withdrawing):
            return .init(state: .withdrawn, reasons: withdrawing.map { $0.text.text(in: language) })
        case .listed(let listed, let ocop):
            (listing, findings) = (listed, ocop + validate(listed))
        case .notOffered:
            return .init(
                state: .withdrawn,
                reasons: [
                    LocalizedText(
                        en: "not offered on \(marketplace) (the product's marketplaces column)",
                        vi: "không bán trên \(marketplace.displayName) (theo cột Sàn của sản phẩm)"
                    ).text(in: language)
                ]
            )
        }
        let errors = findings.filter { $0.severity == .error }
        // English names the attribute before the message; the Vietnamese messages name it themselves.
        let explained = { (finding: Finding) in
            LocalizedText(en: "\(finding.attribute): \(finding.message)", vi: finding.text.vietnamese).text(
                in: language
            )
        }
        if !errors.isEmpty { return .init(state: .heldBack, reasons: errors.map(explained)) }
        let warnings = findings.filter { $0.severity != .error }.map(explained)
        switch ledger[product.code.rawValue] {
        case let entry? where entry.lastOutcome == .failed:
            return .init(
                state: .willPublish,
                reasons: [
                    LocalizedText(
                        en: "last attempt failed: \(entry.lastError ?? "no message")",
                        vi: "lần gửi trước thất bại: \(entry.lastError ?? "không có lời nhắn")"
                    ).text(in: language)
                ] + warnings,
                lastAttemptFailed: true
            )
        case let entry? where entry.contentHash == listing.contentHash:
            return .init(state: .published, reasons: warnings)
        case .some:
            let changed = LocalizedText(en: "changed since it was last sent", vi: "đã thay đổi từ lần gửi trước")
            return .init(state: .willPublish, reasons: [changed.text(in: language)] + warnings)
        case nil:
            return .init(state: .willPublish, reasons: warnings)
        }
    }
}
