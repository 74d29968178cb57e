public import Foundation
import Groundwork
import _CryptoExtras

/// A throwaway Google service account for the sandbox: a fresh RSA key written as Google's key file.
public enum SandboxServiceAccount {
    public static let email = "ocop-sandbox@sandbox.iam.gserviceaccount.com"

    /// Writes a new key file to `url` (readable by its owner only) and returns the account the sandbox
    /// should accept.
    public static func write(to url: URL) throws -> (email: String, publicKeyPEM: String) {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let file = JSONValue.object([
            ("type", .string("service_account")), ("client_email", .string(Self.email)),
            ("private_key", .string(key.pemRepresentation)),
        ])
        try Data(file.serialized.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return (Self.email, key.publicKey.pemRepresentation)
    }
}
