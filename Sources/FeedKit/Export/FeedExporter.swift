public import Foundation
import Groundwork
public import OCOPCatalog

/// Turns the catalogue into one marketplace's feed file: only products whose certificate stands today,
/// every item validated, items with errors held back and named in the report.
public struct FeedExporter {
    public let adapter: any FeedAdapter
    public let mapping: Mapping
    public let context: ListingContext
    private let validator: Validator

    /// An exporter for `adapter` with `mapping`.
    public init(adapter: any FeedAdapter, mapping: Mapping, context: ListingContext) {
        self.adapter = adapter
        self.mapping = mapping
        self.context = context
        self.validator = Validator(mapping: mapping)
    }

    /// The OCOP rules that decide whether a product may be listed at all, as findings (empty when it may).
    public func ocopFindings(for product: Product) -> [Finding] {
        let item = product.code.rawValue
        var findings: [Finding] = []
        let certificate = product.certificate
        switch certificate.standing(on: self.context.today, warningDays: self.context.expiryWarningDays) {
        case .expired:
            findings.append(
                Finding(
                    item: item,
                    attribute: "certificate",
                    rule: "certificate",
                    severity: .error,
                    text: FindingMessages.certificateExpired(certificate.decisionNumber, on: certificate.expires),
                    value: certificate.expires.description
                )
            )
        case .revoked:
            findings.append(
                Finding(
                    item: item,
                    attribute: "certificate",
                    rule: "certificate",
                    severity: .error,
                    text: FindingMessages.certificateRevoked(certificate.decisionNumber),
                    value: certificate.status.rawValue
                )
            )
        case .expiring:
            findings.append(
                Finding(
                    item: item,
                    attribute: "certificate",
                    rule: "certificate_expiring",
                    severity: .warning,
                    text: FindingMessages.certificateExpiring(certificate.decisionNumber, on: certificate.expires),
                    value: certificate.expires.description
                )
            )
        case .active:
            break
        }
        if !product.group.isPhysicalGood && self.adapter.sellsPhysicalGoodsOnly {
            findings.append(
                Finding(
                    item: item,
                    attribute: "group",
                    rule: "physical_goods",
                    severity: .error,
                    text: FindingMessages.service(
                        product.group.vietnameseName,
                        marketplace: self.adapter.marketplace.displayName
                    ),
                    value: product.group.rawValue
                )
            )
        }
        return findings
    }

    /// The adapter's listing for `product`, with the attributes its leaf category asks for filled in
    /// (unchecked: ``check(_:)`` adds the findings).
    public func listing(for product: Product) -> Listing {
        self.mapping.fillingLeafAttributes(
            self.adapter.listing(for: product, mapping: self.mapping, context: self.context),
            product: product,
            context: self.context
        )
    }

    /// The first half of ``check(_:)``: the listing for `product` and the OCOP rules' findings, before the
    /// marketplace's rules are applied to the listing (``validate(_:)``).
    public func prepare(_ product: Product) -> (listing: Listing, findings: [Finding]) {
        (self.listing(for: product), self.ocopFindings(for: product))
    }

    /// The second half of ``check(_:)``: the marketplace's rules applied to a prepared listing. A caller that
    /// prepares on one thread and validates on another must keep validating to one thread (compiled patterns
    /// are not `Sendable`), as ``export(from:format:to:compressedCopy:progress:)`` does.
    public func validate(_ listing: Listing) -> [Finding] { self.validator.validate(listing) }

    /// The listing for `product` and every finding about it (OCOP rules first, then the marketplace's).
    public func check(_ product: Product) -> (listing: Listing, findings: [Finding]) {
        let (listing, findings) = self.prepare(product)
        return (listing, findings + self.validate(listing))
    }

    /// Writes the feed of every product offered on this marketplace to `url` and returns the report.
    /// Items with an error finding are not written. With `compressedCopy`, `url.gz` is written too (see
    /// ``CompressedCopy``), before the feed is renamed into place.
    ///
    /// Reading the catalogue and building listings run on the calling thread; validating and writing run
    /// on a second core, in catalogue order.
    public func export(
        from database: CatalogDatabase,
        format: FeedFormat,
        to url: URL,
        compressedCopy: Bool = false,
        progress: ((Int) -> Void)? = nil
    ) throws -> ValidationReport {
        guard compressedCopy else {
            return try self.export(from: database, format: format, to: url, progress: progress)
        }
        let staged = url.deletingLastPathComponent().appending(
            path: ".\(url.lastPathComponent).\(UUID().uuidString).staged"
        )
        defer { try? FileManager.default.removeItem(at: staged) }
        let report: ValidationReport
        do {
            report = try self.export(from: database, format: format, to: staged, progress: progress)
        } catch let error as FeedError {
            // Messages name the feed the person asked for, not the staging file.
            throw FeedError(error.code, error.message.replacingOccurrences(of: staged.path, with: url.path))
        }
        guard let version = FileVersion(path: staged.path) else {
            throw FeedError(.unwritable, "\(url.path): the finished feed vanished before it was moved into place")
        }
        try CompressedCopy.write(of: staged, version: version, as: url)
        try moveIntoPlace(staged, url)
        return report
    }

    private func export(
        from database: CatalogDatabase,
        format: FeedFormat,
        to url: URL,
        progress: ((Int) -> Void)?
    ) throws -> ValidationReport {
        let state = PipelineState(
            FeedWriting(
                writer: try self.writer(format: format, url: url),
                validator: self.validator,
                report: ValidationReport(marketplace: self.adapter.marketplace.rawValue)
            )
        )
        var items = 0
        try OrderedPipeline.run(work: { batch in state.value.write(batch) }) { emit in
            try database.forEachProduct { product in
                guard product.isOffered(on: self.adapter.marketplace) else { return }
                emit(self.prepare(product))
                items += 1
                if items.isMultiple(of: 10_000) { progress?(items) }
            }
        }
        if let error = state.value.error { throw error }
        try state.value.writer.close()
        return state.value.report
    }

    private func writer(format: FeedFormat, url: URL) throws(FeedError) -> any FeedWriter {
        guard self.adapter.formats.contains(format) else {
            throw FeedError(.malformed, "\(self.adapter.marketplace) has no \(format.rawValue) feed")
        }
        switch format {
        case .xml:
            if let layout = self.adapter.payloadXML {
                let adapter = self.adapter
                let context = self.context
                return try PayloadXMLFeedWriter(url: url, layout: layout) { adapter.json(for: $0, context: context) }
            }
            guard let dialect = self.adapter.xmlDialect else {
                throw FeedError(.malformed, "\(self.adapter.marketplace) has no xml feed")
            }
            return try RSSFeedWriter(
                url: url,
                dialect: dialect,
                title: "OCOP — \(self.context.baseURL)",
                link: self.context.baseURL,
                description: "Sản phẩm OCOP (\(self.adapter.marketplace))"
            )
        case .json:
            let adapter = self.adapter
            let context = self.context
            return try JSONLinesFeedWriter(url: url) { adapter.json(for: $0, context: context) }
        }
    }
}

/// What exporting accumulates on the pipeline's queue: the open feed, the report, the first write error.
private struct FeedWriting {
    let writer: any FeedWriter
    /// Used on the pipeline's queue only (its compiled patterns are not `Sendable`).
    let validator: Validator
    var report: ValidationReport
    var error: FeedError?

    /// Validates each listing, writes those without errors, and records every item's findings.
    mutating func write(_ batch: [(listing: Listing, findings: [Finding])]) {
        for (listing, ocopFindings) in batch {
            let findings = ocopFindings + self.validator.validate(listing)
            if self.error == nil && !findings.contains(where: { $0.severity == .error }) {
                do {
                    try self.writer.write(listing)
                } catch {
                    self.error = error
                }
            }
            self.report.record(item: findings)
        }
    }
}
