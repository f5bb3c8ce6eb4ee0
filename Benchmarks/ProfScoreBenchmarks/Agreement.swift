import Foundation

/// Reads per-class sheet counts and scale sums back from what each tool wrote,
/// and compares them with the totals the generator computed from the key.
enum Agreement {
    /// From a `profscore report --format json` summary: per group (class), the
    /// number of sheets read, and per scale Σ score × count over the histogram.
    /// Also checks that every sheet was scored and that the summary's own `sum`
    /// equals its histogram.
    static func fromReport(_ path: String, scales: [String]) throws -> ClassTotals {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchmarkError("\(path): not a JSON document")
        }
        guard root["format"] as? String == "profscore-summary", let groups = root["groups"] as? [[String: Any]] else {
            throw BenchmarkError("\(path): not a profscore summary (format, groups)")
        }
        var result: ClassTotals = [:]
        for group in groups {
            let name = group["class"] as? String ?? "(no class)"
            guard let results = group["results"] as? [String: Any], let sheets = results["sheets"] as? Int,
                  let scored = results["scored"] as? Int, let scaleList = results["scales"] as? [[String: Any]] else {
                throw BenchmarkError("\(path): group \(name) has no results.sheets/scored/scales")
            }
            guard scored == sheets else {
                throw BenchmarkError("\(path): class \(name): \(sheets) sheets read but \(scored) scored (every generated sheet is valid)")
            }
            guard scaleList.map({ $0["id"] as? String ?? "?" }) == scales else {
                throw BenchmarkError("\(path): scales \(scaleList.map { $0["id"] ?? "?" }) ≠ \(scales)")
            }
            var sums: [Int] = []
            for scale in scaleList {
                guard let histogram = scale["histogram"] as? [[Any]] else {
                    throw BenchmarkError("\(path): class \(name): no histogram")
                }
                var sum = 0, n = 0
                for pair in histogram {
                    guard pair.count == 2, let score = number(pair[0]), let count = number(pair[1]),
                          score == score.rounded() else {
                        throw BenchmarkError("\(path): class \(name): histogram entry \(pair) is not [whole score, count]")
                    }
                    sum += Int(score) * Int(count); n += Int(count)
                }
                if let reported = scale["sum"].flatMap(number), reported != Double(sum) {
                    throw BenchmarkError("\(path): class \(name), scale \(scale["id"] ?? "?"): \"sum\" \(reported) ≠ histogram's \(sum)")
                }
                guard n == scored else {
                    throw BenchmarkError("\(path): class \(name): histogram counts \(n) ≠ scored \(scored)")
                }
                sums.append(sum)
            }
            var entry = result[name] ?? Totals(sheets: 0, sums: Array(repeating: 0, count: scales.count))
            entry.sheets += sheets
            for index in sums.indices { entry.sums[index] += sums[index] }
            result[name] = entry
        }
        return result
    }

    private static func number(_ value: Any) -> Double? {
        if let value = value as? NSNumber { return value.doubleValue }
        return nil
    }

    /// From a peer's output: CSV `class,n,<scale>…` (UTF-8, header row).
    static func fromPeer(_ path: String, scales: [String]) throws -> ClassTotals {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchmarkError("\(path): missing or not UTF-8")
        }
        var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        guard !lines.isEmpty else { throw BenchmarkError("\(path): empty") }
        let header = splitCSV(lines.removeFirst())
        guard header.count == scales.count + 2, Array(header[2...]) == scales else {
            throw BenchmarkError("\(path): header \(header) is not class,n,\(scales.joined(separator: ","))")
        }
        var result: ClassTotals = [:]
        for line in lines where !line.isEmpty {
            let cells = splitCSV(line)
            let numbers = cells.dropFirst().compactMap { Double($0) }
            guard cells.count == header.count, numbers.count == cells.count - 1,
                  numbers.allSatisfy({ $0 == $0.rounded() }) else {
                throw BenchmarkError("\(path): cannot read the line «\(line)»")
            }
            result[cells[0]] = Totals(sheets: Int(numbers[0]), sums: numbers.dropFirst().map { Int($0) })
        }
        return result
    }

    /// Splits one CSV line (`,`, double quotes).
    static func splitCSV(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        var characters = line.makeIterator()
        while let c = characters.next() {
            if quoted {
                if c == "\"" { quoted = false } else { cell.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                cells.append(cell); cell = ""
            } else {
                cell.append(c)
            }
        }
        cells.append(cell)
        return cells
    }

    /// From `profscore score --format csv`: one row per student; per value of
    /// the `класс` column, the rows and the sum of every scale column. Streams
    /// the file (it is about 300 bytes a row). Also returns the rows in which a
    /// scale was empty (not scored).
    static func fromScoreCSV(_ path: String, scales: [String], classColumn: String = "класс") throws -> (ClassTotals, unscored: Int, rows: Int) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BenchmarkError("cannot open \(path)") }
        defer { close(fd) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 22)
        var header: [String]? = nil
        var scaleColumns: [Int] = [], classIndex = -1
        var classIDs: [[UInt8]: Int] = [:], classNames: [String] = []
        var sheets: [Int] = [], sums: [Int] = []
        var unscored = 0, rows = 0
        var fields: [Range<Int>] = []
        fields.reserveCapacity(64)

        func handleRecord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws {
            // Split one record into field ranges (quotes allowed; doubled quotes inside).
            fields.removeAll(keepingCapacity: true)
            var start = range.lowerBound, i = range.lowerBound, quoted = false
            while i < range.upperBound {
                let b = bytes[i]
                if b == 0x22 { quoted.toggle() } else if b == 0x2C && !quoted { fields.append(start..<i); start = i + 1 }
                i += 1
            }
            var end = range.upperBound
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            fields.append(start..<end)
            func text(_ r: Range<Int>) -> String {
                var s = String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
                if s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 {
                    s = String(s.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
                }
                return s
            }
            if header == nil {
                let names = fields.map(text)
                header = names
                for scale in scales {
                    guard let index = names.firstIndex(of: scale) else { throw BenchmarkError("\(path): no column \(scale)") }
                    scaleColumns.append(index)
                }
                guard let index = names.firstIndex(of: classColumn) else { throw BenchmarkError("\(path): no column \(classColumn)") }
                classIndex = index
                return
            }
            guard fields.count == header!.count else {
                throw BenchmarkError("\(path): row \(rows + 1) has \(fields.count) fields, the header \(header!.count)")
            }
            rows += 1
            let key = Array(UnsafeBufferPointer(rebasing: bytes[fields[classIndex]]))
            let id: Int
            if let known = classIDs[key] { id = known } else {
                id = classNames.count
                classIDs[key] = id
                classNames.append(text(fields[classIndex]))
                sheets.append(0)
                sums.append(contentsOf: Array(repeating: 0, count: scales.count))
            }
            sheets[id] += 1
            var complete = true
            for (s, column) in scaleColumns.enumerated() {
                let r = fields[column]
                if r.isEmpty { complete = false; continue }
                var value = 0
                for j in r {
                    let d = bytes[j] &- 0x30
                    guard d < 10 else { throw BenchmarkError("\(path): row \(rows): \(scales[s]) is not a whole number: «\(text(r))»") }
                    value = value * 10 + Int(d)
                }
                sums[id * scales.count + s] += value
            }
            if !complete { unscored += 1 }
        }

        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            guard n >= 0 else { throw BenchmarkError("cannot read \(path)") }
            if n == 0 { break }
            pending.append(contentsOf: chunk[0..<n])
            var consumed = 0
            try pending.withUnsafeBufferPointer { bytes in
                var quoted = false, start = 0, i = 0
                while i < bytes.count {
                    let b = bytes[i]
                    if b == 0x22 { quoted.toggle() } else if b == 0x0A && !quoted {
                        try handleRecord(bytes, start..<i)
                        start = i + 1
                    }
                    i += 1
                }
                consumed = start
            }
            pending.removeFirst(consumed)
        }
        if !pending.isEmpty {
            try pending.withUnsafeBufferPointer { try handleRecord($0, 0..<$0.count) }
        }
        var result: ClassTotals = [:]
        for (id, name) in classNames.enumerated() {
            result[name] = Totals(sheets: sheets[id], sums: Array(sums[id * scales.count ..< (id + 1) * scales.count]))
        }
        return (result, unscored, rows)
    }

    /// The differences between `found` and the expected totals, as readable lines (empty: they agree).
    static func differences(expected: ClassTotals, found: ClassTotals, scales: [String]) -> [String] {
        var lines: [String] = []
        for name in Set(expected.keys).union(found.keys).sorted(by: classOrder) {
            switch (expected[name], found[name]) {
            case (nil, let f?): lines.append("class \(name): not in the data, but reported with \(f.sheets) sheets")
            case (let e?, nil): lines.append("class \(name): \(e.sheets) sheets in the data, missing from the output")
            case (let e?, let f?):
                if e.sheets != f.sheets { lines.append("class \(name): sheets \(f.sheets), expected \(e.sheets)") }
                for (index, scale) in scales.enumerated() where e.sums[index] != f.sums[index] {
                    lines.append("class \(name): Σ \(scale) = \(f.sums[index]), expected \(e.sums[index])")
                }
            default: break
            }
        }
        return lines
    }

    /// «5А» < «5Б» < … < «10А» (grade numerically, then letter).
    static func classOrder(_ a: String, _ b: String) -> Bool {
        func split(_ s: String) -> (Int, String) {
            let digits = s.prefix(while: \.isNumber)
            return (Int(digits) ?? 0, String(s.dropFirst(digits.count)))
        }
        let (ga, la) = split(a), (gb, lb) = split(b)
        return ga != gb ? ga < gb : la < lb
    }
}
