import Testing
@testable import ProfScoreKit

/// The output buffer holds what an array given the same appends, inserts and
/// clears holds, through many growths.
@Suite struct ByteBufferTests {
    @Test func holdsWhatAnArrayHolds() {
        var generator = MergeEquivalenceTests.Generator(state: 17)
        var buffer = ByteBuffer(capacity: 1)
        defer { buffer.deallocate() }
        var model: [UInt8] = []
        var largest = 0
        for _ in 0..<20_000 {
            switch Int.random(in: 0..<100, using: &generator) {
            case 0..<50:
                let byte = UInt8.random(in: 0...255, using: &generator)
                buffer.append(byte)
                model.append(byte)
            case 50..<80:
                let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if Bool.random(using: &generator) {
                    buffer.append(contentsOf: bytes)
                } else {
                    bytes.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
                }
                model.append(contentsOf: bytes)
            case 80..<99:
                let index = Int.random(in: 0...model.count, using: &generator)
                buffer.insert(0x27, at: index)
                model.insert(0x27, at: index)
            default:
                #expect(Array(buffer.bytes) == model)
                buffer.removeAll()
                model.removeAll()
            }
            #expect(buffer.count == model.count)
            largest = max(largest, model.count)
        }
        #expect(Array(buffer.bytes) == model)
        #expect(largest > 1_000, "grown many times")
    }
}
