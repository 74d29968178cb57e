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
        var report = ReadinessReport(
            today: today,
            generated: now,
            marketplaces: Self.readinessMarketplaces,
            runs: try self.openCatalog().runs(limit: runs)
        )
        try self.forEachReadinessRow(today: today, language: language) { report.add($0) }
        report.finish()
        return report
    }

    /// The same, kept small for the served pages: counts, problems grouped by reason, and a few words per
    /// product instead of every reason of every cell (``readinessRow(code:today:)`` gives those for one).
    public func readinessSnapshot(
        today: CalendarDate,
        now: Date = Date(),
        runs: Int = 20,
        language: Language = .english
    ) throws -> ReadinessSnapshot {
        var snapshot = ReadinessSnapshot(
            today: today,
            generated: now,
            marketplaces: Self.readinessMarketplaces,
            runs: try self.openCatalog().runs(limit: runs),
            // A damaged credential store is publishing's error to report, not the page's.
            connections: ((try? self.connections()) ?? []).map(\.status)
        )
        try self.forEachReadinessRow(today: today, language: language) { snapshot.add($0) }
        snapshot.finish()
        return snapshot
    }

    /// One product's row with every reason; `nil` when the catalogue has no such code.
    public func readinessRow(code: String, today: CalendarDate, language: Language = .english) throws
        -> ReadinessReport.Row?
    {
        let database = try self.openCatalog()
        guard let code = ProductCode(code), let product = try database.product(code: code) else { return nil }
        // This product's ledger entries only: a product page must not read every marketplace's whole ledger.
        return try self.readiness(today: today, database: database, code: code.rawValue, language: language)
            .row(for: product)
    }

    /// Each product's row, in catalogue order, one at a time.
    func forEachReadinessRow(
        today: CalendarDate,
        language: Language,
        _ body: (ReadinessReport.Row) throws -> Void
    ) throws {
        let database = try self.openCatalog()
        let judge = try self.readiness(today: today, database: database, language: language)
        try database.forEachProduct { try body(judge.row(for: $0)) }
    }

    private static var readinessMarketplaces: [String] { AdapterRegistry.adapters.map(\.marketplace.rawValue) }

    /// What judges one product on every marketplace: each one's exporter and ledger.
    private struct ReadinessJudge {
        let today: CalendarDate
        let exporters: [(id: String, exporter: FeedExporter, ledger: [String: LedgerEntry])]
        let language: Language

        func row(for product: Product) -> ReadinessReport.Row {
            var cells: [String: ReadinessReport.Cell] = [:]
            for (id, exporter, ledger) in self.exporters {
                cells[id] = Workspace.cell(product, exporter: exporter, ledger: ledger, language: self.language)
            }
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
            exporters: try Self.readinessMarketplaces.map { id in
                let (adapter, mapping) = try self.resolve(id)
                return (
                    id,
                    FeedExporter(
                        adapter: adapter,
                        mapping: try self.withCategoryTree(mapping, database: database, today: today),
                        context: context
                    ),
                    try database.ledger(marketplace: id, code: code)
                )
            },
            language: language
        )
    }

    /// One product on one marketplace.
    private static func cell(
        _ product: Product,
        exporter: FeedExporter,
        ledger: [String: LedgerEntry],
        language: Language
    ) -> ReadinessReport.Cell {
        let marketplace = exporter.adapter.marketplace
        guard product.isOffered(on: marketplace) else {
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
        let (listing, findings) = exporter.check(product)
        let errors = findings.filter { $0.severity == .error }
        // English names the attribute before the message; the Vietnamese messages name it themselves.
        let explained = { (finding: Finding) in
            LocalizedText(en: "\(finding.attribute): \(finding.message)", vi: finding.text.vietnamese).text(
                in: language
            )
        }
        if errors.contains(where: ValidationReport.withdraws) {
            return .init(
                state: .withdrawn,
                reasons: errors.filter(ValidationReport.withdraws).map { $0.text.text(in: language) }
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
