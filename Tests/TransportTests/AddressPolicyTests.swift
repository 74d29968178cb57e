import Testing
import Transport

/// Only public addresses are fetched for the catalogue: the office's own network, the machine itself and the
/// cloud's metadata service are not reachable through an image URL.
@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", "a loopback address"), ("localhost", "a loopback address"), ("[::1]", "a loopback address"),
        ("10.1.2.3", "a private address"), ("172.20.0.9", "a private address"), ("192.168.1.10", "a private address"),
        ("169.254.169.254", "a link-local address"), ("[fe80::1]", "a link-local address"),
        ("[fd00::7]", "a private address"), ("[::ffff:127.0.0.1]", "a loopback address"),
        ("100.64.0.1", "a carrier-grade NAT address"), ("0.0.0.0", "an unspecified address"),
    ])
    func anAddressOutsideThePublicInternetIsRefusedByKind(host: String, said: String) {
        #expect(throws: AddressPolicy.Refusal.self) { try AddressPolicy.publicAddresses(of: host).get() }
        if case .failure(let refusal) = AddressPolicy.publicAddresses(of: host) { #expect(refusal.reason == said) }
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "[2001:4860:4860::8888]", "no-such-host.invalid"])
    func aPublicAddressOrANameThatDoesNotResolveIsLeftToTheFetch(host: String) {
        #expect((try? AddressPolicy.publicAddresses(of: host).get()) != nil)
    }
}
