import FeedKit
public import Foundation

/// A feed as one fetch gets it: the file opened, its validators (`ETag`, `Last-Modified`), and whether the
/// bytes are the gzip copy written at export time.
struct HostedFeed: Sendable {
    /// What is sent: the feed itself or its gzip copy.
    let file: OpenFeedFile
    /// The feed's own version, whichever of the two is sent.
    let version: FileVersion
    let isCompressed: Bool

    /// Opens the feed at `url` and, when the fetcher takes gzip, its copy if the copy is of the same version;
    /// `nil` when there is no feed. A feed being exported is written to a temporary sibling and renamed into
    /// place, so this always opens a whole feed: the previous or the new.
    init?(url: URL, acceptsGzip: Bool) {
        guard let feed = OpenFeedFile(url: url) else { return nil }
        self.version = feed.version
        if acceptsGzip, let copy = OpenFeedFile(url: CompressedCopy.url(of: url)),
            CompressedCopy.version(inHeader: copy.prefix(1024)) == feed.version.description
        {
            self.file = copy
            self.isCompressed = true
        } else {
            self.file = feed
            self.isCompressed = false
        }
    }

    /// A strong validator of this representation: the gzip copy is another representation, so it has its own.
    var etag: String { self.isCompressed ? "\"\(self.version)-gzip\"" : "\"\(self.version)\"" }

    /// Whether a request's `If-None-Match` / `If-Modified-Since` say the fetcher already has this version.
    func isUnchanged(ifNoneMatch: String?, ifModifiedSince: String?) -> Bool {
        if let ifNoneMatch {
            // If-None-Match wins over If-Modified-Since when both are present (RFC 9110 §13.1.3).
            return ifNoneMatch.split(separator: ",").contains {
                let tag = $0.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == self.etag || tag == "W/" + self.etag
            }
        }
        if let ifModifiedSince, let since = HTTPDate.parse(ifModifiedSince) {
            return self.version.modified <= since
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
