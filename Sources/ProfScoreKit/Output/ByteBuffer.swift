/// Where output bytes are appended: `[UInt8]`, or a ``ByteBuffer`` for the
/// per-row formatting of large outputs.
protocol ByteAppending {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
    mutating func append(contentsOf bytes: [UInt8])
}

extension Array: ByteAppending where Element == UInt8 {}

/// Bytes being formatted, in plain memory that grows by doubling: appending
/// a byte is a store and a compare, with none of an array's uniqueness
/// checks. The owner frees it with ``deallocate()``; copies of the value
/// share the memory, so only one may be used at a time.
struct ByteBuffer: ByteAppending {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    /// The bytes appended so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    subscript(index: Int) -> UInt8 { base[index] }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// Puts a byte before the one at `index`.
    mutating func insert(_ byte: UInt8, at index: Int) {
        append(0)
        (base + index + 1).update(from: base + index, count: count - 1 - index)
        base[index] = byte
    }

    mutating func removeAll() { count = 0 }

    private mutating func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = size
    }
}
