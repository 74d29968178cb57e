import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which hosts a fetch the catalogue asks for (an image URL) may reach: public addresses only. Loopback,
/// private, link-local (169.254.0.0/16, where cloud metadata services answer), carrier-grade NAT,
/// unspecified and multicast addresses are refused, so a catalogue row cannot make OCOP Connect call into
/// the office's own network.
public enum AddressPolicy {
    /// A host refused, and why.
    public struct Refusal: Error, Hashable, Sendable {
        /// The kind of address it is (`"a loopback address"`).
        public var reason: String
    }

    /// The addresses `host` names or resolves to, as text, when every one is public (none when it does not
    /// resolve: the fetch reports that); else the kind of the first that is not. Pin a fetch to them (`HTTPRequest.pinnedAddresses`),
    /// so a second lookup cannot lead elsewhere.
    public static func publicAddresses(of host: String) -> Result<[String], Refusal> {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare.lowercased().hasSuffix(".localhost") {
            return .failure(Refusal(reason: "a loopback address"))
        }
        var texts: [String] = []
        for address in Self.addresses(of: bare) {
            if let reason = Self.refusal(of: address) { return .failure(Refusal(reason: reason)) }
            texts.append(Self.text(of: address))
        }
        return .success(texts)
    }

    /// `address` written as inet_ntop writes it.
    private static func text(of address: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = address.count == 4 ? AF_INET : AF_INET6
        _ = address.withUnsafeBytes { bytes in inet_ntop(family, bytes.baseAddress, &buffer, socklen_t(buffer.count)) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// What kind of non-public address `bytes` (4 for IPv4, 16 for IPv6) is, or `nil` for a public one.
    static func refusal(of bytes: [UInt8]) -> String? {
        if bytes.count == 16 {
            // An IPv4 address mapped into IPv6 (::ffff:a.b.c.d) is judged as itself.
            if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                return Self.refusal(of: Array(bytes[12..<16]))
            }
            if bytes.allSatisfy({ $0 == 0 }) { return "an unspecified address" }
            if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return "a loopback address" }
            if bytes[0] & 0xFE == 0xFC { return "a private address" }  // fc00::/7
            if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "a link-local address" }  // fe80::/10
            if bytes[0] == 0xFF { return "a multicast address" }
            return nil
        }
        guard bytes.count == 4 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0, _): return "an unspecified address"
        case (127, _): return "a loopback address"
        case (10, _), (172, 16...31), (192, 168): return "a private address"
        case (169, 254): return "a link-local address"
        case (100, 64...127): return "a carrier-grade NAT address"
        case (224...239, _): return "a multicast address"
        case (240...255, _): return "a reserved address"
        default: return nil
        }
    }

    /// The addresses `host` is (an address literal) or resolves to.
    private static func addresses(of host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let address = current.pointee.ai_addr {
                switch Int32(current.pointee.ai_family) {
                case AF_INET:
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                        withUnsafeBytes(of: pointer.pointee.sin_addr) { addresses.append(Array($0)) }
                    }
                case AF_INET6:
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        withUnsafeBytes(of: pointer.pointee.sin6_addr) { addresses.append(Array($0)) }
                    }
                default: break
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }
}
