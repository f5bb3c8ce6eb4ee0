import Testing
@testable import ProfScoreKit

/// The cache of cell spellings gives back what was put in for the same
/// bytes and answer format, and nothing for others — checked against a
/// dictionary of the cells themselves, with one- and two-byte cells that
/// pack to the same number (a NUL byte) and copies made along the way.
@Suite struct CellCacheTests {
    struct Key: Hashable {
        var bytes: [UInt8]
        var format: Int
    }

    @Test func agreesWithADictionaryOfTheCells() {
        var generator = MergeEquivalenceTests.Generator(state: 21)
        let alphabet: [UInt8] = [0x00, 0x31, 0x32, 0x61, 0xD0, 0xB0, 0xB1, 0x20]
        let cache = CellCache(formats: 3)
        var naive: [Key: Int32] = [:]
        for _ in 0..<3_000 {
            let length = Int.random(in: 1...9, using: &generator)
            let key = Key(bytes: (0..<length).map { _ in alphabet.randomElement(using: &generator)! },
                          format: Int.random(in: 0..<3, using: &generator))
            let packed = key.bytes.withUnsafeBufferPointer { CellCache.pack($0, from: 0, to: $0.count) }
            let found = length <= 8 ? cache.value(packed, length: length, format: key.format) : nil
            #expect(found == naive[key], "\(key)")
            if Bool.random(using: &generator) && found == nil {
                let value = Int32.random(in: -2...5, using: &generator)
                cache.insert(packed, length: length, format: key.format, value: value)
                // The cache keeps cells of 1…8 bytes, up to its size.
                if length <= 8 && naive.count < CellCache.maximumEntries { naive[key] = value }
            }
        }
        #expect(naive.count > 300)
    }
}
