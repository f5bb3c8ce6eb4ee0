/// Scores answer sheets file after file, keeping the counts of a run and
/// flagging respondent ids seen twice.
public final class BatchScorer {
    /// The scorer applied to every row.
    public let scorer: Scorer
    /// Respondents scored so far.
    public private(set) var respondentCount = 0
    /// Cells that could not be read so far.
    public private(set) var unreadableCellCount = 0
    /// Files that could not be scored at all, with the reason.
    public private(set) var failures: [(file: String, error: ProfScoreError)] = []
    /// Files that could not be scored at all.
    public var failedFiles: [String] { failures.map(\.file) }
    /// Errors and warnings reported so far.
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    /// Ids seen so far, as 64-bit hashes (FNV-1a of the id's UTF-8) → where
    /// first seen: a file index and a line. Two different ids sharing a hash
    /// is possible but very unlikely (about 3·10⁻⁸ for a million ids).
    private var seenIDs: [UInt64: (file: Int32, line: Int32)] = [:]
    private var seenFiles: [String] = []

    static func idHash(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Whether respondent ids seen twice are flagged (this keeps every id in memory).
    public let detectsDuplicateIDs: Bool

    /// Creates a batch for one instrument.
    /// - Parameters:
    ///   - scorer: the instrument's scorer.
    ///   - detectsDuplicateIDs: flag respondent ids seen twice (`duplicate-id`);
    ///     this keeps every id, so memory grows with the number of sheets.
    public init(scorer: Scorer, detectsDuplicateIDs: Bool = true) {
        self.scorer = scorer
        self.detectsDuplicateIDs = detectsDuplicateIDs
    }

    /// Scores every row of one sheet.
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - displayName: the name in diagnostics and in ``failedFiles`` (default: the path).
    ///   - report: receives every diagnostic (unreadable cells, header problems, duplicate ids).
    ///   - each: receives each row, its score and the reader (for its column names).
    /// - Throws: ``ProfScoreError`` when the file cannot be scored at all; the
    ///   file is also listed in ``failedFiles``.
    public func score(
        path: String,
        displayName: String? = nil,
        report: (Diagnostic) -> Void,
        each: (SheetRow, RespondentScore, SheetReader) -> Void
    ) throws(ProfScoreError) {
        let name = displayName ?? path
        func counting(_ diagnostic: Diagnostic) {
            switch diagnostic.severity {
            case .error: errorCount += 1
            case .warning: warningCount += 1
            case .note: break
            }
            report(diagnostic)
        }
        do {
            let reader = try SheetReader(path: path, displayName: name, scorer: scorer, report: counting)
            var row = SheetRow(line: 0, codes: [], info: [], hasUnreadableCells: false)
            var result = scorer.emptyScore()
            let workspace = ScoreWorkspace(scorer: scorer)
            while try reader.nextRow(&row, report: { diagnostic in
                if diagnostic.severity == .error && diagnostic.column != nil { unreadableCellCount += 1 }
                counting(diagnostic)
            }) {
                scorer.score(codes: row.codes, into: &result, workspace: workspace)
                let id = row.id
                if detectsDuplicateIDs && !id.isEmpty {
                    let hash = Self.idHash(id)
                    if let first = seenIDs[hash] {
                        result.flags.insert(.duplicateID)
                        let firstFile = seenFiles[Int(first.file)]
                        counting(Diagnostic(.warning, file: name, line: row.line, column: 1, Message(
                            en: "respondent id '\(id)' already appeared at \(firstFile):\(first.line); both sheets are scored and this one is flagged duplicate-id — check which one is right",
                            ru: "код респондента «\(id)» уже встречался в \(firstFile):\(first.line); оба бланка подсчитаны, этот отмечен duplicate-id — проверьте, какой из них верный")))
                    } else {
                        if seenFiles.last != name { seenFiles.append(name) }
                        seenIDs[hash] = (Int32(seenFiles.count - 1), Int32(clamping: row.line))
                    }
                }
                respondentCount += 1
                each(row, result, reader)
            }
        } catch {
            failures.append((name, error))
            errorCount += 1
            throw error
        }
    }
}

extension BatchScorer {
    /// Scores one sheet on several threads when it is a large regular file
    /// in UTF-8 or Windows-1251 without quotes (see `FileSplitter`); otherwise
    /// reads it in one go. Every part gets its own state, made by `makePartial`
    /// and filled by `each`; the states come back in file order, and the
    /// diagnostics are passed to `report` in file order with exact lines.
    ///
    /// Respondent ids seen twice are not looked for here (that needs every id).
    /// - Parameters:
    ///   - threads: the most parts to use.
    ///   - minimumSplitSize: files smaller than this are read in one go.
    /// - Returns: the parts' states, in file order.
    /// - Throws: ``ProfScoreError`` when the file cannot be scored at all.
    public func scoreConcurrently<Partial>(
        path: String,
        displayName: String? = nil,
        threads: Int,
        minimumSplitSize: Int = 4 << 20,
        makePartial: () -> Partial,
        prepare: (SheetReader) -> Void = { _ in },
        report: (Diagnostic) -> Void,
        each: @Sendable (inout Partial, SheetRow, RespondentScore, SheetReader) -> Void
    ) throws(ProfScoreError) -> [Partial] {
        let name = displayName ?? path
        var headerDiagnostics: [Diagnostic] = []
        let header: SheetReader
        do {
            header = try SheetReader(path: path, displayName: name, scorer: scorer, report: { headerDiagnostics.append($0) })
        } catch {
            failures.append((name, error))
            errorCount += 1
            throw error
        }
        headerDiagnostics.forEach { count($0); report($0) }
        prepare(header)
        let parts = path == "-" ? nil
            : FileSplitter.split(path: path, encoding: header.encoding, dataStartLine: header.dataStartLine, parts: threads,
                                 minimumSize: minimumSplitSize)
        guard let parts else {
            var partial = makePartial()
            try scoreRows(of: header, displayName: name, report: { count($0); report($0) }) { row, score in each(&partial, row, score, header) }
            return [partial]
        }
        let box = ConcurrentParts(count: parts.count, make: makePartial)
        defer { box.release() }
        let scorer = self.scorer
        // Only read by the threads (its columns, encoding and caches are copied).
        nonisolated(unsafe) let sharedHeader = header
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let part = parts[index]
            // Each thread works on its own slot only.
            let slot = box.slots + index
            do throws(ProfScoreError) {
                let reader = try SheetReader(continuing: sharedHeader, path: path, byteRange: part.bytes, firstLine: part.firstLine)
                let batch = BatchScorer(scorer: scorer, detectsDuplicateIDs: false)
                try batch.scoreRows(of: reader, displayName: name, report: { slot.pointee.diagnostics.append($0) }) { row, score in
                    each(&slot.pointee.partial, row, score, reader)
                }
                slot.pointee.respondents = batch.respondentCount
                slot.pointee.endLine = reader.currentLine
            } catch {
                slot.pointee.error = error
            }
        }
        var partials: [Partial] = []
        for index in parts.indices {
            let slot = box.slots[index]
            if let error = slot.error {
                failures.append((name, error))
                errorCount += 1
                throw error
            }
            for diagnostic in slot.diagnostics {
                count(diagnostic)
                report(diagnostic)
            }
            respondentCount += slot.respondents
            partials.append(slot.partial)
        }
        // The parts do not say that the sheet has no rows (each has only a
        // part of it); as when reading in one go, say it at the end of the file.
        if parts.indices.allSatisfy({ box.slots[$0].respondents == 0 }) {
            let diagnostic = header.noRowsDiagnostic(line: box.slots[parts.count - 1].endLine)
            count(diagnostic)
            report(diagnostic)
        }
        return partials
    }

    /// Counts a diagnostic in the batch's totals.
    private func count(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error:
            errorCount += 1
            if diagnostic.column != nil && diagnostic.line != nil { unreadableCellCount += 1 }
        case .warning: warningCount += 1
        case .note: break
        }
    }

    /// Scores every row of an open reader (no counting of diagnostics: the caller does).
    fileprivate func scoreRows(
        of reader: SheetReader, displayName: String, report: (Diagnostic) -> Void,
        each: (SheetRow, RespondentScore) -> Void
    ) throws(ProfScoreError) {
        var row = SheetRow(line: 0, codes: [], info: [], hasUnreadableCells: false)
        var result = scorer.emptyScore()
        let workspace = ScoreWorkspace(scorer: scorer)
        while try reader.nextRow(&row, report: report) {
            scorer.score(codes: row.codes, into: &result, workspace: workspace)
            respondentCount += 1
            each(row, result)
        }
    }
}

/// Per-part state of a concurrent run, in separately allocated slots: each
/// thread touches only its own slot, and the owner reads them after all
/// threads have finished.
private final class ConcurrentParts<Partial>: @unchecked Sendable {
    struct Slot {
        var partial: Partial
        var diagnostics: [Diagnostic] = []
        var respondents = 0
        /// The line after the part's last byte.
        var endLine = 0
        var error: ProfScoreError?
    }

    let slots: UnsafeMutablePointer<Slot>
    let count: Int

    init(count: Int, make: () -> Partial) {
        self.count = count
        slots = .allocate(capacity: count)
        for index in 0..<count { (slots + index).initialize(to: Slot(partial: make())) }
    }

    func release() {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
}

import Dispatch
