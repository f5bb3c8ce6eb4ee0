/// HMAC-SHA-256 (RFC 2104, FIPS 198-1) over this project's ``SHA256``.
///
/// ```swift
/// let tag = HMACSHA256.authenticationCode(for: Array("message".utf8), key: key)  // 32 bytes
/// ```
///
/// To authenticate many messages with one key, make a ``Key`` once: it holds
/// the hash states after the padded key, so each message costs only its own
/// bytes, however long the key.
public enum HMACSHA256 {
    /// A key prepared for many messages: the inner and outer hash states
    /// after absorbing the key block (the key, hashed first when it is
    /// longer than a block, padded with zeros, XORed with 0x36 and 0x5c).
    public struct Key: Sendable {
        private let inner: SHA256
        private let outer: SHA256

        /// Prepares a key of any length.
        /// - Complexity: O(key length), once.
        public init(_ key: [UInt8]) {
            var block = key.count > SHA256.blockSize ? SHA256.hash(key) : key
            block += [UInt8](repeating: 0, count: SHA256.blockSize - block.count)
            var inner = SHA256()
            inner.update(block.map { $0 ^ 0x36 })
            var outer = SHA256()
            outer.update(block.map { $0 ^ 0x5c })
            self.inner = inner
            self.outer = outer
        }

        /// The keyed hash of a message.
        /// - Complexity: O(message length), whatever the key's length.
        public func authenticationCode(for message: some Sequence<UInt8>) -> [UInt8] {
            var inner = self.inner
            inner.update(message)
            var outer = self.outer
            outer.update(inner.finalize())
            return outer.finalize()
        }
    }

    /// The keyed hash of a message.
    /// - Parameters:
    ///   - message: the bytes to authenticate.
    ///   - key: the secret key, any length (a key longer than 64 bytes is hashed first).
    /// - Returns: the 32-byte code.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: [UInt8]) -> [UInt8] {
        Key(key).authenticationCode(for: message)
    }
}
