import FeedKit
public import Foundation
public import OCOPCatalog
import Publishing
public import Reporting

extension Workspace {
    /// Where every product stands on every marketplace with an adapter: checked as an export checks it,
    /// compared with what the ledger says the marketplace holds, with the reasons for each state.
    public func readinessReport(today: CalendarDate, now: Date = Date(), runs: Int = 20) throws -> ReadinessReport {
        let database = try self.openCatalog()
        let context = try self.context(today: today)
        let marketplaces = AdapterRegistry.adapters.map(\.marketplace.rawValue)
        var exporters: [String: FeedExporter] = [:]
        var ledgers: [String: [String: LedgerEntry]] = [:]
        for id in marketplaces {
            let (adapter, mapping) = try self.resolve(id)
            exporters[id] = FeedExporter(adapter: adapter, mapping: mapping, context: context)
            ledgers[id] = try database.ledger(marketplace: id)
        }
        var rows: [ReadinessReport.Row] = []
        try database.forEachProduct { product in
            var cells: [String: ReadinessReport.Cell] = [:]
            for id in marketplaces {
                guard let exporter = exporters[id] else { continue }
                cells[id] = Self.cell(product, exporter: exporter, ledger: ledgers[id] ?? [:])
            }
            rows.append(
                ReadinessReport.Row(
                    code: product.code.rawValue,
                    name: product.name,
                    star: product.certificate.star.rawValue,
                    producer: product.producer.name,
                    thumbnail: product.images.first,
                    expires: product.certificate.expires,
                    standing: product.certificate.standing(on: today).rawValue,
                    cells: cells
                )
            )
        }
        return ReadinessReport(
            today: today,
            generated: now,
            marketplaces: marketplaces,
            rows: rows,
            runs: try database.runs(limit: runs)
        )
    }

    /// One product on one marketplace.
    private static func cell(_ product: Product, exporter: FeedExporter, ledger: [String: LedgerEntry])
        -> ReadinessReport.Cell
    {
        let marketplace = exporter.adapter.marketplace
        guard product.isOffered(on: marketplace) else {
            return .init(
                state: .withdrawn,
                reasons: ["not offered on \(marketplace) (the product's marketplaces column)"]
            )
        }
        let (listing, findings) = exporter.check(product)
        let errors = findings.filter { $0.severity == .error }
        let explained = { (finding: Finding) in "\(finding.attribute): \(finding.message)" }
        if errors.contains(where: ValidationReport.withdraws) {
            return .init(state: .withdrawn, reasons: errors.filter(ValidationReport.withdraws).map(\.message))
        }
        if !errors.isEmpty { return .init(state: .heldBack, reasons: errors.map(explained)) }
        let warnings = findings.filter { $0.severity != .error }.map(explained)
        switch ledger[product.code.rawValue] {
        case let entry? where entry.lastOutcome == .failed:
            return .init(
                state: .willPublish,
                reasons: ["last attempt failed: \(entry.lastError ?? "no message")"] + warnings
            )
        case let entry? where entry.contentHash == listing.contentHash:
            return .init(state: .published, reasons: warnings)
        case .some:
            return .init(state: .willPublish, reasons: ["changed since it was last sent"] + warnings)
        case nil:
            return .init(state: .willPublish, reasons: warnings)
        }
    }
}
