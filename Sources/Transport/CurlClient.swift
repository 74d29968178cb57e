import CCurl
import Dispatch
public import Foundation
import Synchronization

/// Initialises libcurl once, lazily and thread-safely, before the first transfer; never torn down.
private let curlGlobalInit = ccurl_global_init()

/// HTTP over libcurl: TLS verified, HTTP/2 where offered, only http and https, timeouts on every transfer.
///
/// Blocking `curl_easy_perform` runs on a serial dispatch queue of its own, never on the concurrency pool:
/// serial queues overcommit, so a transfer waiting on a slow server holds a thread of its own rather than
/// one of the few a concurrent queue shares with the concurrency pool (where an in-process server's
/// handlers run: with both cores' threads blocked in transfers to it, it could never answer). Cancelling
/// the calling task aborts the transfer. Finished handles are kept for the next request, so
/// connections (and TLS sessions) are reused.
public final class CurlClient: HTTPClient {
    private let idleHandles = Mutex<[EasyHandle]>([])
    /// How long connecting may take, within the request's own timeout.
    private let connectTimeout: Duration

    /// Creates a client.
    public init(connectTimeout: Duration = .seconds(10)) {
        self.connectTimeout = connectTimeout
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw TransportError(
                .badRequest,
                "\(request.method) \(request.url.redactedForLogs): only http and https are allowed"
            )
        }
        let transfer = Transfer()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) in
                DispatchQueue(label: "ocop.transport.curl.transfer").async {
                    continuation.resume(returning: self.perform(request, transfer: transfer))
                }
            }
        } onCancel: {
            transfer.cancel()
        }
        return try result.get()
    }

    private func perform(_ request: HTTPRequest, transfer: Transfer) -> Result<HTTPResponse, TransportError> {
        let handle: EasyHandle
        if let idle = self.idleHandles.withLock({ $0.popLast() }) {
            handle = idle
        } else {
            do throws(TransportError) {
                handle = try EasyHandle()
            } catch {
                return .failure(error)
            }
        }
        let result = Result { () throws(TransportError) -> HTTPResponse in
            try handle.perform(request, transfer: transfer, connectTimeout: self.connectTimeout)
        }
        self.idleHandles.withLock { idle in
            if idle.count < 16 { idle.append(handle) }
        }
        return result
    }
}

/// The cancel flag of one transfer, read by libcurl's progress callback on the transfer's thread.
final class Transfer: Sendable {
    private let cancelled = Atomic<Bool>(false)

    func cancel() {
        self.cancelled.store(true, ordering: .relaxed)
    }

    var isCancelled: Bool { self.cancelled.load(ordering: .relaxed) }
}

/// One libcurl easy handle, freed exactly once by `deinit`; used by one transfer at a time.
final class EasyHandle: @unchecked Sendable {
    // @unchecked: a handle is taken out of the idle pool (under its mutex) by one transfer, used only on that
    // transfer's thread, and put back afterwards, so no two threads ever touch it at once.
    let raw: UnsafeMutableRawPointer

    init() throws(TransportError) {
        guard curlGlobalInit == CURLE_OK, let raw = curl_easy_init() else {
            throw TransportError(.curl, "libcurl could not start a transfer")
        }
        self.raw = raw
    }

    deinit {
        curl_easy_cleanup(self.raw)
    }

    /// What the C callbacks fill in during one transfer; passed to them unretained and kept alive by
    /// `withExtendedLifetime` until `curl_easy_perform` returns.
    final class Collected {
        var body = Data()
        /// The largest body taken (``HTTPRequest/maximumResponseBytes``), counted as it arrives: libcurl's own
        /// limit only sees a `Content-Length`, not a chunked or until-close body.
        var maximumBytes: Int?
        var exceeded = false
        var headers: [(name: String, value: String)] = []
        let transfer: Transfer
        init(transfer: Transfer) { self.transfer = transfer }
    }

    func perform(_ request: HTTPRequest, transfer: Transfer, connectTimeout: Duration) throws(TransportError)
        -> HTTPResponse
    {
        curl_easy_reset(self.raw)
        let collected = Collected(transfer: transfer)
        collected.maximumBytes = request.maximumResponseBytes
        let context = Unmanaged.passUnretained(collected).toOpaque()
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headers) }  // must outlive the transfer, which ends before this runs
        for header in request.headers {
            headers = curl_slist_append(headers, "\(header.name): \(header.value)")
        }
        headers = curl_slist_append(headers, "Expect:")  // no 100-continue round trip for bodies
        var resolve: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(resolve) }
        if !request.pinnedAddresses.isEmpty, let host = request.url.host() {
            let port = request.url.port ?? (request.url.scheme == "https" ? 443 : 80)
            let addresses = request.pinnedAddresses.map { $0.contains(":") ? "[\($0)]" : $0 }
            resolve = curl_slist_append(resolve, "\(host):\(port):\(addresses.joined(separator: ","))")
        }

        func check(_ code: CURLcode) throws(TransportError) {
            guard code == CURLE_OK else {
                throw TransportError(.curl, "libcurl refused an option: \(String(cString: curl_easy_strerror(code)))")
            }
        }
        try check(ccurl_setopt_string(self.raw, CURLOPT_URL, request.url.absoluteString))
        try check(ccurl_setopt_string(self.raw, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(ccurl_setopt_string(self.raw, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        try check(ccurl_setopt_long(self.raw, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_setopt_long(self.raw, CURLOPT_SSL_VERIFYPEER, 1))
        try check(ccurl_setopt_long(self.raw, CURLOPT_SSL_VERIFYHOST, 2))
        try check(ccurl_setopt_long(self.raw, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        try check(ccurl_setopt_long(self.raw, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout)))
        try check(ccurl_setopt_long(self.raw, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout)))
        try check(ccurl_setopt_string(self.raw, CURLOPT_CUSTOMREQUEST, request.method))
        if request.method == "HEAD" { try check(ccurl_setopt_long(self.raw, CURLOPT_NOBODY, 1)) }
        try check(ccurl_setopt_slist(self.raw, CURLOPT_HTTPHEADER, headers))
        if resolve != nil { try check(ccurl_setopt_slist(self.raw, CURLOPT_RESOLVE, resolve)) }
        if let most = request.maximumResponseBytes {
            try check(ccurl_setopt_offset(self.raw, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(most)))
        }
        try check(ccurl_setopt_data_callback(self.raw, CURLOPT_WRITEFUNCTION, curlWriteBody))
        try check(ccurl_setopt_pointer(self.raw, CURLOPT_WRITEDATA, context))
        try check(ccurl_setopt_data_callback(self.raw, CURLOPT_HEADERFUNCTION, curlWriteHeader))
        try check(ccurl_setopt_pointer(self.raw, CURLOPT_HEADERDATA, context))
        try check(ccurl_setopt_long(self.raw, CURLOPT_NOPROGRESS, 0))
        try check(ccurl_setopt_xferinfo_callback(self.raw, curlProgress))
        try check(ccurl_setopt_pointer(self.raw, CURLOPT_XFERINFODATA, context))

        let code = withExtendedLifetime(collected) {
            request.body.withUnsafeBytes { body -> CURLcode in
                if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
                    _ = ccurl_setopt_offset(self.raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                    _ = ccurl_setopt_pointer(
                        self.raw,
                        CURLOPT_POSTFIELDS,
                        UnsafeMutableRawPointer(mutating: body.baseAddress)
                    )
                }
                return curl_easy_perform(self.raw)  // the body buffer is valid until this returns
            }
        }
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            let target = "\(request.method) \(request.url.redactedForLogs)"
            switch code {
            case CURLE_ABORTED_BY_CALLBACK: throw TransportError(.cancelled, "\(target): cancelled")
            case CURLE_OPERATION_TIMEDOUT: throw TransportError(.timeout, "\(target): timed out (\(reason))")
            case _ where code == CURLE_FILESIZE_EXCEEDED || collected.exceeded:
                throw TransportError(
                    .curl,
                    "\(target): the answer is larger than the \(request.maximumResponseBytes ?? 0) bytes taken"
                )
            case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
                throw TransportError(.connection, "\(target): \(reason)")
            case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
                CURLE_HTTP2_STREAM:
                throw TransportError(.unanswered, "\(target): \(reason)")
            default:
                throw TransportError(.curl, "\(target): \(reason) (libcurl \(code.rawValue))")
            }
        }
        var status = 0
        _ = ccurl_getinfo_long(self.raw, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: collected.headers, body: collected.body)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    fileprivate static func collected(_ context: UnsafeMutableRawPointer?) -> Collected? {
        context.map { Unmanaged<Collected>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Takes `count` bytes of body; `false` (and the transfer ends) when they pass the largest body taken.
    fileprivate static func appendBody(
        _ data: UnsafeMutablePointer<CChar>,
        _ count: Int,
        _ context: UnsafeMutableRawPointer?
    ) -> Bool {
        guard let collected = Self.collected(context) else { return false }
        if let most = collected.maximumBytes, collected.body.count + count > most {
            collected.exceeded = true
            return false
        }
        collected.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
        return true
    }

    fileprivate static func appendHeader(
        _ data: UnsafeMutablePointer<CChar>,
        _ count: Int,
        _ context: UnsafeMutableRawPointer?
    ) {
        guard let collected = Self.collected(context) else { return }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            collected.headers.removeAll()  // a new response (after a redirect or 100 Continue) starts over
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        collected.headers.append((name, value))
    }

    fileprivate static func isCancelled(_ context: UnsafeMutableRawPointer?) -> Bool {
        Self.collected(context)?.transfer.isCancelled ?? false
    }
}

// C callbacks cannot capture: each finds its transfer's state through the context pointer.
let curlWriteBody: ccurl_data_callback = { data, size, count, context in
    EasyHandle.appendBody(data, size * count, context) ? size * count : 0
}

let curlWriteHeader: ccurl_data_callback = { data, size, count, context in
    EasyHandle.appendHeader(data, size * count, context)
    return size * count
}

let curlProgress: ccurl_xferinfo_callback = { context, _, _, _, _ in
    EasyHandle.isCancelled(context) ? 1 : 0
}

extension URL {
    /// The URL without its query, which may carry tokens or signatures: safe for messages and logs.
    public var redactedForLogs: String {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return "(url)" }
        let hadQuery = components.query != nil
        components.query = nil
        components.user = nil
        components.password = nil
        return (components.string ?? "(url)") + (hadQuery ? "?…" : "")
    }
}
