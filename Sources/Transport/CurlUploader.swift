import CCurl
import Dispatch
public import Foundation

/// Uploads over libcurl: SFTP (host key pinned, key or password login; written under a temporary name
/// and renamed, so the marketplace never picks up part of a file) and HTTPS `PUT` (TLS verified, Basic
/// authentication; plain HTTP only to loopback, for the sandbox).
public final class CurlUploader: FileUploader {
    private let queue = DispatchQueue(label: "ocop.transport.upload", attributes: .concurrent)
    private let connectTimeout: Duration

    /// Creates an uploader.
    public init(connectTimeout: Duration = .seconds(30)) {
        self.connectTimeout = connectTimeout
    }

    public func upload(_ file: URL, to target: UploadTarget) async throws(TransportError) -> Int64 {
        let transfer = Transfer()
        let connectTimeout = self.connectTimeout
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int64, TransportError>, Never>) in
                self.queue.async {
                    continuation.resume(
                        returning: Result { () throws(TransportError) -> Int64 in
                            try EasyHandle().upload(
                                file,
                                to: target,
                                transfer: transfer,
                                connectTimeout: connectTimeout
                            )
                        }
                    )
                }
            }
        } onCancel: {
            transfer.cancel()
        }
        return try result.get()
    }
}

extension EasyHandle {
    func upload(_ file: URL, to target: UploadTarget, transfer: Transfer, connectTimeout: Duration)
        throws(TransportError) -> Int64
    {
        let where_ = "upload to \(target.url.redactedForLogs)"
        let scheme = target.url.scheme?.lowercased() ?? ""
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(target.url.host ?? "")
        guard scheme == "sftp" || scheme == "https" || (scheme == "http" && loopback) else {
            throw TransportError(.badRequest, "\(where_): only sftp and https uploads are allowed")
        }
        if scheme == "sftp", target.hostKeySHA256 == nil {
            throw TransportError(
                .badRequest,
                "\(where_): the server's host key fingerprint is required (upload_host_key: SHA256:…)"
            )
        }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int64,
            let handle = fopen(file.path, "rb")
        else {
            throw TransportError(.badRequest, "\(where_): cannot read \(file.path)")
        }
        defer { fclose(handle) }

        func check(_ code: CURLcode) throws(TransportError) {
            guard code == CURLE_OK else {
                throw TransportError(.curl, "libcurl refused an option: \(String(cString: curl_easy_strerror(code)))")
            }
        }
        let collected = Collected(transfer: transfer)
        let context = Unmanaged.passUnretained(collected).toOpaque()
        var url = target.url
        var commands: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(commands) }
        if scheme == "sftp" {
            // Write `.NAME.part`, then rename it over NAME once every byte is there.
            let final = target.url.path
            let temporary = target.url.deletingLastPathComponent().appending(
                path: ".\(target.url.lastPathComponent).part"
            )
            url = temporary
            // SFTP version 3 (OpenSSH) will not rename over an existing file: remove the old one first (a
            // `*` lets that fail when there is none). A reader sees the old file, no file, or the new one,
            // never part of one.
            commands = curl_slist_append(commands, "*rm \"\(final)\"")
            commands = curl_slist_append(commands, "rename \"\(temporary.path)\" \"\(final)\"")
            try check(ccurl_setopt_string(self.raw, CURLOPT_PROTOCOLS_STR, "sftp"))
            let fingerprint = Self.paddedFingerprint(target.hostKeySHA256 ?? "")
            try check(ccurl_setopt_string(self.raw, CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, fingerprint))
            var methods = 0
            if let key = target.privateKeyFile {
                methods |= Int(CURLSSH_AUTH_PUBLICKEY)
                try check(ccurl_setopt_string(self.raw, CURLOPT_SSH_PRIVATE_KEYFILE, key))
                try check(
                    ccurl_setopt_string(self.raw, CURLOPT_SSH_PUBLIC_KEYFILE, target.publicKeyFile ?? key + ".pub")
                )
            }
            if target.password != nil { methods |= Int(CURLSSH_AUTH_PASSWORD) }
            try check(ccurl_setopt_long(self.raw, CURLOPT_SSH_AUTH_TYPES, methods))
            try check(ccurl_setopt_slist(self.raw, CURLOPT_POSTQUOTE, commands))
        } else {
            try check(ccurl_setopt_string(self.raw, CURLOPT_PROTOCOLS_STR, "http,https"))
            try check(ccurl_setopt_long(self.raw, CURLOPT_SSL_VERIFYPEER, 1))
            try check(ccurl_setopt_long(self.raw, CURLOPT_SSL_VERIFYHOST, 2))
            try check(ccurl_setopt_long(self.raw, CURLOPT_HTTPAUTH, ccurl_auth_basic))
            commands = curl_slist_append(commands, "Expect:")
            try check(ccurl_setopt_slist(self.raw, CURLOPT_HTTPHEADER, commands))
            try check(ccurl_setopt_data_callback(self.raw, CURLOPT_WRITEFUNCTION, curlWriteBody))
            try check(ccurl_setopt_pointer(self.raw, CURLOPT_WRITEDATA, context))
        }
        try check(ccurl_setopt_string(self.raw, CURLOPT_URL, url.absoluteString))
        if let username = target.username { try check(ccurl_setopt_string(self.raw, CURLOPT_USERNAME, username)) }
        if let password = target.password { try check(ccurl_setopt_string(self.raw, CURLOPT_PASSWORD, password)) }
        try check(ccurl_setopt_long(self.raw, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_setopt_long(self.raw, CURLOPT_UPLOAD, 1))
        try check(ccurl_setopt_pointer(self.raw, CURLOPT_READDATA, UnsafeMutableRawPointer(handle)))
        try check(ccurl_setopt_offset(self.raw, CURLOPT_INFILESIZE_LARGE, curl_off_t(size)))
        try check(ccurl_setopt_long(self.raw, CURLOPT_TIMEOUT_MS, Self.milliseconds(target.timeout)))
        try check(ccurl_setopt_long(self.raw, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout)))
        try check(ccurl_setopt_long(self.raw, CURLOPT_NOPROGRESS, 0))
        try check(ccurl_setopt_xferinfo_callback(self.raw, curlProgress))
        try check(ccurl_setopt_pointer(self.raw, CURLOPT_XFERINFODATA, context))

        // libcurl's own words for what failed ("Failure establishing ssh session: …"), not just the code's.
        var details = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        let code = details.withUnsafeMutableBufferPointer { buffer in
            _ = ccurl_setopt_pointer(self.raw, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            return withExtendedLifetime(collected) { curl_easy_perform(self.raw) }
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: details.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            switch code {
            case CURLE_ABORTED_BY_CALLBACK: throw TransportError(.cancelled, "\(where_): cancelled")
            case CURLE_OPERATION_TIMEDOUT: throw TransportError(.timeout, "\(where_): timed out (\(reason))")
            case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
                CURLE_GOT_NOTHING, CURLE_SSH, CURLE_FAILED_INIT:
                throw TransportError(.connection, "\(where_): \(reason)")
            case CURLE_LOGIN_DENIED, CURLE_PEER_FAILED_VERIFICATION, CURLE_REMOTE_ACCESS_DENIED, CURLE_QUOTE_ERROR,
                CURLE_UPLOAD_FAILED, CURLE_REMOTE_FILE_NOT_FOUND:
                throw TransportError(.refused, "\(where_): \(reason)")
            default:
                throw TransportError(.curl, "\(where_): \(reason) (libcurl \(code.rawValue))")
            }
        }
        if scheme != "sftp" {
            var status = 0
            _ = ccurl_getinfo_long(self.raw, CURLINFO_RESPONSE_CODE, &status)
            guard (200..<300).contains(status) else {
                throw TransportError(.refused, "\(where_): the server answered HTTP \(status)")
            }
        }
        return size
    }

    /// libcurl wants the fingerprint as padded base64 without the `SHA256:` that ssh-keygen prints.
    static func paddedFingerprint(_ text: String) -> String {
        var base64 = text.hasPrefix("SHA256:") ? String(text.dropFirst(7)) : text
        while base64.count % 4 != 0 { base64 += "=" }
        return base64
    }
}
