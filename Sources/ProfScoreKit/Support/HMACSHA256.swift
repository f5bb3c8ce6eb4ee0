/// HMAC-SHA-256 (RFC 2104, FIPS 198-1) over this project's ``SHA256``.
///
/// ```swift
/// let tag = HMACSHA256.authenticationCode(for: Array("message".utf8), key: key)  // 32 bytes
/// ```
public enum HMACSHA256 {
    /// The keyed hash of a message.
    /// - Parameters:
    ///   - message: the bytes to authenticate.
    ///   - key: the secret key, any length (a key longer than 64 bytes is hashed first).
    /// - Returns: the 32-byte code.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: [UInt8]) -> [UInt8] {
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: SHA256.blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(innerDigest)
        return outer.finalize()
    }
}
