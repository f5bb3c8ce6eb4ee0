import Testing
@testable import ProfScoreKit

/// The project's own SHA-256 and HMAC-SHA-256 against published test vectors:
/// FIPS 180-4's examples (NIST CSRC "Cryptographic Standards and Guidelines:
/// Examples with Intermediate Values", SHA-256) and RFC 4231, section 4.
@Suite struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    struct DigestCase: Sendable, CustomTestStringConvertible {
        var name: String
        var message: [UInt8]
        var digest: String
        var testDescription: String { name }
    }

    static let digestCases: [DigestCase] = [
        DigestCase(name: "one block: abc", message: Array("abc".utf8),
                   digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        DigestCase(name: "two blocks: the 448-bit message",
                   message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
                   digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        DigestCase(name: "empty message", message: [],
                   digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ]

    @Test(arguments: digestCases)
    func publishedDigests(_ testCase: DigestCase) {
        #expect(Self.hex(SHA256.hash(testCase.message)) == testCase.digest)
    }

    @Test func oneMillionTimesA() {
        // Fed in uneven pieces, so that blocks are completed across updates.
        var hasher = SHA256()
        let piece = [UInt8](repeating: 0x61, count: 999)
        var fed = 0
        while fed + piece.count <= 1_000_000 {
            hasher.update(piece)
            fed += piece.count
        }
        hasher.update([UInt8](repeating: 0x61, count: 1_000_000 - fed))
        #expect(Self.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func paddingAtEveryLengthAroundABlock() {
        // 55 bytes fit one padded block, 56 need two: both sides of the edge
        // must agree with hashing the same bytes in one update or byte by byte.
        for count in 54...66 {
            let message = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            var byByte = SHA256()
            for byte in message { byByte.update([byte]) }
            #expect(byByte.finalize() == SHA256.hash(message), "length \(count)")
        }
        #expect(Self.hex(SHA256.hash(Array(repeating: 0x61, count: 64))) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    struct HMACCase: Sendable, CustomTestStringConvertible {
        var number: Int
        var key: [UInt8]
        var data: [UInt8]
        /// The expected code; RFC 4231 test case 5 gives only its first 128 bits.
        var code: String
        var testDescription: String { "RFC 4231 test case \(number)" }
    }

    static let hmacCases: [HMACCase] = [
        HMACCase(number: 1, key: Array(repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
                 code: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        HMACCase(number: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
                 code: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        HMACCase(number: 3, key: Array(repeating: 0xaa, count: 20), data: Array(repeating: 0xdd, count: 50),
                 code: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        HMACCase(number: 4, key: Array(1...25), data: Array(repeating: 0xcd, count: 50),
                 code: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        HMACCase(number: 5, key: Array(repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
                 code: "a3b6167473100ee06e0c796c2955552b"),
        HMACCase(number: 6, key: Array(repeating: 0xaa, count: 131),
                 data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                 code: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        HMACCase(number: 7, key: Array(repeating: 0xaa, count: 131),
                 data: Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
                 code: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: hmacCases)
    func rfc4231(_ testCase: HMACCase) {
        let code = Self.hex(HMACSHA256.authenticationCode(for: testCase.data, key: testCase.key))
        #expect(code.count == 64)
        #expect(code.hasPrefix(testCase.code))
    }
}
