import Testing
@testable import ProfScoreKit

/// The table of ids seen says, for every id, where it was first seen —
/// checked against a dictionary of the ids themselves, through many growths.
@Suite struct DuplicateIDsTests {
    @Test func firstSightingsAgreeWithADictionaryOfTheIds() {
        var generator = MergeEquivalenceTests.Generator(state: 3)
        var table = DuplicateIDs()
        var naive: [String: (file: String, line: Int)] = [:]
        var repeats = 0
        for index in 0..<60_000 {
            let id = "59-\(Int.random(in: 0..<35_000, using: &generator))"
            // Room made ahead in the middle: every id moves, none is lost.
            if index == 30_000 { table.reserve(100_000) }
            let file = "school\(index / 20_000).csv"
            let line = index % 20_000 + 2
            let found = table.check(hash: DuplicateIDs.hash(id), file: file, line: line)
            if let first = naive[id] {
                repeats += 1
                #expect(found?.file == first.file && found?.line == first.line, "\(id) at \(file):\(line)")
            } else {
                #expect(found == nil, "\(id) is new at \(file):\(line)")
                naive[id] = (file, line)
            }
        }
        #expect(repeats > 20_000)
    }

    @Test func hashIsFNV1aOfTheUTF8() {
        // Published FNV-1a 64-bit test vectors.
        #expect(DuplicateIDs.hash("") == 0xCBF2_9CE4_8422_2325)
        #expect(DuplicateIDs.hash("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(DuplicateIDs.hash("foobar") == 0x8594_4171_F739_67E8)
    }

    @Test func manyAtOnceAgreeWithOneByOne() {
        var generator = MergeEquivalenceTests.Generator(state: 4)
        var one = DuplicateIDs(), many = DuplicateIDs()
        for file in ["a.csv", "b.csv", "c.csv"] {
            let hashes = (0..<7_777).map { _ in DuplicateIDs.hash("id-\(Int.random(in: 0..<15_000, using: &generator))") }
            var expected: [(index: Int, file: String, line: Int)] = []
            for (index, hash) in hashes.enumerated() {
                if let first = one.check(hash: hash, file: file, line: index + 2) { expected.append((index, first.file, first.line)) }
            }
            let actual = hashes.withUnsafeBufferPointer { many.check(hashes: $0, file: file) { $0 + 2 } }
            #expect(actual.map(\.index) == expected.map(\.index), "\(file)")
            #expect(actual.map(\.first.file) == expected.map(\.file) && actual.map(\.first.line) == expected.map(\.line))
            #expect(!expected.isEmpty)
        }
    }
}
