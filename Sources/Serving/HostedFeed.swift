public import Foundation

/// A feed file as the server hands it out: its bytes (mapped, not copied, where possible) and the
/// validators a fetcher sends back (`ETag`, `Last-Modified`).
public struct HostedFeed: Sendable {
    public let data: Data
    /// A strong validator from the file's inode, size and modification time: it changes whenever a new
    /// export is renamed into place.
    public let etag: String
    public let modified: Date

    /// Reads the complete file at `url`; `nil` when there is none. A feed being exported is written to a
    /// temporary sibling and renamed into place, so this always sees a whole feed: the previous or the new.
    public init?(url: URL) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let inode = attributes[.systemFileNumber] as? Int, let size = attributes[.size] as? Int,
            let modified = attributes[.modificationDate] as? Date,
            let data = try? Data(contentsOf: url, options: .mappedIfSafe)
        else { return nil }
        self.data = data
        let nanoseconds = Int64((modified.timeIntervalSince1970 * 1_000_000_000).rounded())
        self.etag = "\"\(String(inode, radix: 16))-\(String(size, radix: 16))-\(String(nanoseconds, radix: 16))\""
        self.modified = Date(timeIntervalSince1970: modified.timeIntervalSince1970.rounded(.down))
    }

    /// Whether a request's `If-None-Match` / `If-Modified-Since` say the fetcher already has this version.
    public func isUnchanged(ifNoneMatch: String?, ifModifiedSince: String?, etag: String) -> Bool {
        if let ifNoneMatch {
            // If-None-Match wins over If-Modified-Since when both are present (RFC 9110 §13.1.3).
            return ifNoneMatch.split(separator: ",").contains {
                let tag = $0.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == etag || tag == "W/" + etag
            }
        }
        if let ifModifiedSince, let since = HTTPDate.parse(ifModifiedSince) {
            return self.modified <= since
        }
        return false
    }
}

/// HTTP dates (RFC 9110 IMF-fixdate): `Sun, 29 Nov 2026 02:00:00 GMT`.
public enum HTTPDate {
    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }

    /// `date` as an HTTP date.
    public static func format(_ date: Date) -> String { Self.formatter().string(from: date) }

    /// The date of an HTTP date; `nil` when it is not one.
    public static func parse(_ text: String) -> Date? { Self.formatter().date(from: text) }
}
