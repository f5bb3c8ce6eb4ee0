/// Looking at eight bytes at a time: a byte's value searched in a 64-bit
/// word read from memory in little-endian order (byte k in bits 8k…8k+7).
enum ByteWords {
    /// Eight bytes from `pointer`, the first in the lowest bits.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that equals `byte` (exact, no false marks).
    @inline(__always)
    static func marks(of byte: UInt8, in word: UInt64) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let low7 = (x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return ~(low7 | x | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// The position (0…7) of the first marked byte; `marks` must not be 0.
    @inline(__always)
    static func firstMarked(_ marks: UInt64) -> Int {
        marks.trailingZeroBitCount >> 3
    }
}
