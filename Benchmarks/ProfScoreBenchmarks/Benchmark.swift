import Foundation

/// What is timed.
enum Tool: String, CaseIterable {
    case report = "profscore report"
    case score = "profscore score"
    case psych = "R psych"
    case pandas = "pandas"

    var isPeer: Bool { self == .psych || self == .pandas }
}

/// One timed run; for the peers also their own timing of reading and scoring.
struct Sample {
    var measurement: Measurement
    var inScriptRead: Double?
    var inScriptScore: Double?
    /// Cores used by other processes during the run (from /proc/stat: all busy
    /// time minus this process's and its children's CPU time, ÷ wall time).
    var otherCores: Double = 0
}

/// Medians (and extremes) of the samples of one tool on one data set.
struct Summary {
    var runs: Int
    var wall: Double, wallMin: Double, wallMax: Double
    var cpu: Double
    var maxRSSKiB: Int
    var inScript: Double?
    var inScriptRead: Double?, inScriptScore: Double?
    var otherCores: Double

    init(_ samples: [Sample]) {
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        runs = samples.count
        let walls = samples.map(\.measurement.wall)
        wall = median(walls); wallMin = walls.min()!; wallMax = walls.max()!
        cpu = median(samples.map(\.measurement.cpu))
        otherCores = median(samples.map(\.otherCores))
        maxRSSKiB = samples.map(\.measurement.maxRSSKiB).max()!
        let inside = samples.compactMap { s in s.inScriptRead.flatMap { r in s.inScriptScore.map { r + $0 } } }
        inScript = inside.count == samples.count ? median(inside) : nil
        let reads = samples.compactMap(\.inScriptRead), scores = samples.compactMap(\.inScriptScore)
        inScriptRead = reads.count == samples.count ? median(reads) : nil
        inScriptScore = scores.count == samples.count ? median(scores) : nil
    }
}

final class Benchmark {
    let options: Options
    let out: String
    var dataSets: [DataSet] = []
    var samples: [String: [Tool: [Sample]]] = [:]
    var floorKiB = 0
    var info: [(String, String)] = []
    var loadBefore = "", loadAfter = ""
    var otherWork = ""
    let started = Date()

    init(options: Options) throws {
        self.options = options
        out = options.data + "/out"
    }

    func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    var peerRuns: Int { options.peerRuns ?? options.runs }

    func peersRun(on dataSet: DataSet) -> Bool { options.peers && dataSet.rows <= options.peersMaxRows }

    func tools(for dataSet: DataSet) -> [Tool] { peersRun(on: dataSet) ? Tool.allCases : [.report, .score] }

    // MARK: - The run

    /// 0: done; 2: the tools disagree on the numbers.
    func run() throws -> Int32 {
        loadBefore = Machine.load
        let cpuBefore = Machine.CPUTimes.now, ownBefore = Machine.ownCPU
        usleep(1_000_000)
        let busy = (Machine.CPUTimes.now.busy - cpuBefore.busy) - (Machine.ownCPU - ownBefore)
        if busy > 0.25 {
            log(String(format: "note: other processes use %.2f cores now: the machine is busy with other work (see --quiet-wait)", busy))
        }
        if !options.generateOnly { try checkTools() }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        collectInfo()
        for (key, value) in info { log("\(key): \(value)") }

        let generator = DataGenerator(folder: options.data, seed: options.seed)
        for rows in options.ddoSizes.sorted() { dataSets.append(try generator.prepare(.ddo, rows: rows, log: log)) }
        if options.onetRows > 0 { dataSets.append(try generator.prepare(.onet, rows: options.onetRows, log: log)) }
        if options.generateOnly { return 0 }

        var floor = 0
        for _ in 0..<3 { floor = max(floor, try Spawn.measured(["/bin/true"], stdout: nil, stderr: nil, scratch: out).maxRSSKiB) }
        floorKiB = floor

        let agreement = try checkAgreement()
        print(agreement.table.text)
        if !agreement.problems.isEmpty {
            let tools = Set(agreement.problems.map { $0.split(separator: ":")[0] }).sorted()
            let text = "THE TOOLS DISAGREE on \(tools.joined(separator: "; ")) — nothing was timed. Each line compares"
                + " a tool's number with the total computed from the published key when the data was generated:\n"
                + agreement.problems.prefix(40).joined(separator: "\n")
                + (agreement.problems.count > 40 ? "\n… and \(agreement.problems.count - 40) more" : "")
            print(text)
            try? writeMarkdown(agreement.table.markdown + "\n" + text + "\n")
            return 2
        }

        try time()
        loadAfter = Machine.load

        let tables = resultTables()
        var markdown = header + "\n"
        print(tables.map(\.text).joined(separator: "\n"))
        print(conditions.joined(separator: "\n"))
        markdown += conditions.map { "- " + $0 }.joined(separator: "\n") + "\n\n"
        markdown += tables.map(\.markdown).joined(separator: "\n")
        markdown += "\n" + agreement.table.markdown
        try writeMarkdown(markdown)
        if !options.keepOutputs { try? FileManager.default.removeItem(atPath: out) }
        return 0
    }

    // MARK: - Tools

    func checkTools() throws {
        guard access(options.profscore, X_OK) == 0 else {
            throw BenchmarkError("no profscore executable at \(options.profscore): build it with `swift build -c release --product profscore`, or pass --profscore PATH")
        }
        guard options.peers else { return }
        for script in ["psych.R", "pandas_score.py"] where access(options.peersDir + "/" + script, R_OK) != 0 {
            throw BenchmarkError("\(options.peersDir)/\(script) not found (run from the repository root, or pass --peers-dir)")
        }
        let scratch = NSTemporaryDirectory()
        guard Spawn.capture([options.rscript, "--vanilla", "-e", "suppressPackageStartupMessages(library(psych))"], scratch: scratch) != nil else {
            throw BenchmarkError("R with the psych package is not available (\(options.rscript)): run Benchmarks/run.sh, which installs r-base-core and r-cran-psych, or pass --no-peers")
        }
        guard Spawn.capture([options.python, "-c", "import pandas"], scratch: scratch) != nil else {
            throw BenchmarkError("pandas is not available to \(options.python): run Benchmarks/run.sh (pip install pandas), or pass --no-peers")
        }
    }

    func collectInfo() {
        let scratch = out
        info.append(("CPU", "\(Machine.cpuModel), \(Machine.cores) cores online (nproc)"))
        info.append(("memory", Machine.memory))
        info.append(("kernel", "Linux \(Machine.kernel)"))
        if let swift = Spawn.capture(["swift", "--version"], scratch: scratch)?.split(separator: "\n").first(where: { $0.contains("Swift version") }) {
            info.append(("Swift", String(swift)))
        }
        var binary = options.profscore
        var attributes = stat()
        if stat(options.profscore, &attributes) == 0 {
            let date = Date(timeIntervalSince1970: TimeInterval(attributes.st_mtim.tv_sec))
            binary += " (\(Format.count(Int(attributes.st_size))) bytes, built \(iso(date)))"
        }
        info.append(("profscore", binary))
        if let commit = Spawn.capture(["git", "rev-parse", "--short", "HEAD"], scratch: scratch) {
            let dirty = Spawn.capture(["git", "status", "--porcelain", "--", "Sources", "Package.swift"], scratch: scratch) ?? ""
            info.append(("source", "commit \(commit)" + (dirty.isEmpty ? "" : " plus uncommitted changes in Sources/")))
        }
        if options.peers {
            if let r = Spawn.capture([options.rscript, "--vanilla", "-e", "cat(R.version.string, '; psych ', as.character(packageVersion('psych')), sep = '')"], scratch: scratch) {
                info.append(("R", r))
            }
            if let p = Spawn.capture([options.python, "-c", "import sys, pandas, numpy; print('Python', sys.version.split()[0] + '; pandas', pandas.__version__ + '; numpy', numpy.__version__)"], scratch: scratch) {
                info.append(("Python", p))
            }
        }
        info.append(("runs", "\(options.runs) timed runs of each profscore command" + (options.peers ? ", \(peerRuns) of each peer" : "") + " per data set, after one untimed run that is checked"))
    }

    func iso(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: date)
    }

    var peerEnvironment: [String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        return environment.map { "\($0)=\($1)" }.sorted()
    }

    /// The command line of one tool on one data set, and the file it writes.
    func command(_ tool: Tool, _ dataSet: DataSet) -> (argv: [String], output: String) {
        let instrument = dataSet.instrument.rawValue
        switch tool {
        case .report:
            let output = out + "/report.json"
            return ([options.profscore, "report", "--instrument", instrument, dataSet.path,
                     "--format", "json", "--output", output, "--year", options.year], output)
        case .score:
            let output = out + "/score.csv"
            return ([options.profscore, "score", "--instrument", instrument, dataSet.path,
                     "--format", "csv", "--output", output], output)
        case .psych:
            let output = out + "/psych.csv"
            return ([options.rscript, "--vanilla", options.peersDir + "/psych.R", instrument, dataSet.path, output], output)
        case .pandas:
            let output = out + "/pandas.csv"
            return ([options.python, options.peersDir + "/pandas_score.py", instrument, dataSet.path, output], output)
        }
    }

    /// Reads the file through, so that it is in the page cache when timed
    /// (this machine's kernel reclaims cache that has not been used for a
    /// while, even with plenty of free memory).
    func warm(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 22)
        while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress!, $0.count) }) > 0 {}
    }

    /// Runs one tool once, measured; fails when it does not exit with 0. The
    /// caller removes the output when done with it (so that gigabytes of
    /// `score` output are not written back to disk during the next runs).
    func runOnce(_ tool: Tool, _ dataSet: DataSet) throws -> (Sample, output: String) {
        let (argv, output) = command(tool, dataSet)
        unlink(output)
        warm(dataSet.path)
        let stdoutPath = out + "/stdout.txt", stderrPath = out + "/stderr.txt"
        let cpuBefore = Machine.CPUTimes.now, ownBefore = Machine.ownCPU
        let m = try Spawn.measured(argv, stdout: stdoutPath, stderr: stderrPath,
                                   environment: tool.isPeer ? peerEnvironment : nil, scratch: out)
        let cpuAfter = Machine.CPUTimes.now, ownAfter = Machine.ownCPU
        guard m.status == 0 else {
            let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            throw BenchmarkError("\(tool.rawValue) on \(dataSet.path) exited with \(m.status < 0 ? "signal \(-m.status)" : "status \(m.status)"):\n\(argv.joined(separator: " "))\n\(err.suffix(3000))")
        }
        var sample = Sample(measurement: m)
        sample.otherCores = max(0, (cpuAfter.busy - cpuBefore.busy) - (ownAfter - ownBefore)) / max(m.wall, 0.01)
        if tool.isPeer, let text = try? String(contentsOfFile: stdoutPath, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "=")
                guard parts.count == 2, let value = Double(parts[1].trimmingCharacters(in: .whitespaces)) else { continue }
                if parts[0] == "read_seconds" { sample.inScriptRead = value }
                if parts[0] == "score_seconds" { sample.inScriptScore = value }
            }
        }
        return (sample, output)
    }

    // MARK: - Agreement

    func checkAgreement() throws -> (table: Table, problems: [String]) {
        var table = Table("Agreement (per class: sheets and the sum of every scale, against the totals computed by the generator from the published key)",
                          [("data set", false), ("tool", false), ("read from", false), ("classes", true), ("sheets", true), ("result", false)])
        var problems: [String] = []
        for dataSet in dataSets {
            let scales = dataSet.instrument.scaleIDs
            for tool in tools(for: dataSet) {
                log("checking \(tool.rawValue) on \(dataSet.name)…")
                let (sample, output) = try runOnce(tool, dataSet)
                log("  \(Format.seconds(sample.measurement.wall)) s (untimed check run)")
                var found: ClassTotals
                var extra: [String] = []
                let source: String
                switch tool {
                case .report:
                    found = try Agreement.fromReport(output, scales: scales)
                    source = "JSON histograms"
                case .score:
                    let (totals, unscored, rows) = try Agreement.fromScoreCSV(output, scales: scales)
                    found = totals
                    if unscored > 0 { extra.append("\(unscored) rows with a scale not scored") }
                    if rows != dataSet.rows { extra.append("\(rows) rows written for \(dataSet.rows) sheets") }
                    source = "CSV rows"
                case .psych, .pandas:
                    found = try Agreement.fromPeer(output, scales: scales)
                    source = "script's CSV"
                }
                if !options.keepOutputs { unlink(output) }
                let differences = Agreement.differences(expected: dataSet.truth, found: found, scales: scales) + extra
                let sheets = found.values.reduce(0) { $0 + $1.sheets }
                table.add([dataSet.name, tool.rawValue, source, "\(found.count)", Format.count(sheets),
                           differences.isEmpty ? "agrees (\(scales.count) sums per class)" : "DIFFERS (\(differences.count))"])
                problems += differences.map { "\(dataSet.name), \(tool.rawValue): \($0)" }
            }
        }
        return (table, problems)
    }

    // MARK: - Timing

    func time() throws {
        let cpuBefore = Machine.CPUTimes.now, ownBefore = Machine.ownCPU
        let wallBefore = Date()
        for dataSet in dataSets {
            let tools = tools(for: dataSet)
            let rounds = max(options.runs, tools.contains(.psych) ? peerRuns : 0)
            for round in 1...rounds {
                for tool in tools where round <= (tool.isPeer ? peerRuns : options.runs) {
                    if options.quietWait > 0 { waitForQuiet() }
                    let (sample, output) = try runOnce(tool, dataSet)
                    if !options.keepOutputs { unlink(output) }
                    samples[dataSet.path, default: [:]][tool, default: []].append(sample)
                    log(String(format: "%@, %@, run %d: %@ s, CPU %@ s, peak %@ MiB, other processes %.2f cores", dataSet.name, tool.rawValue, round,
                               Format.seconds(sample.measurement.wall), Format.seconds(sample.measurement.cpu),
                               Format.mebibytes(sample.measurement.maxRSSKiB), sample.otherCores))
                }
            }
        }
        let cpuAfter = Machine.CPUTimes.now, ownAfter = Machine.ownCPU
        let wall = Date().timeIntervalSince(wallBefore)
        let other = max(0, (cpuAfter.busy - cpuBefore.busy) - (ownAfter - ownBefore))
        let steal = cpuAfter.steal - cpuBefore.steal
        let niced = min(other, cpuAfter.niced - cpuBefore.niced)
        otherWork = String(format: "during the %.0f s of timed runs (waiting included), other processes used %.0f CPU-seconds (%.2f cores on average; %.0f CPU-seconds of it at lowered priority, nice > 0)", wall, other, other / wall, niced)
            + (steal > 0.5 ? String(format: " and the hypervisor took %.0f s (steal)", steal) : "")
        if options.quietWait > 0 {
            otherWork += String(format: "; each timed run waited for a second in which other processes used < 0.25 cores (at most %d s; %.0f s of waiting in all): %d of %d runs started without one",
                                options.quietWait, waited, busyStarts, timedRuns)
        }
    }

    /// Runs that found the machine busy after --quiet-wait seconds of waiting.
    var busyStarts = 0, timedRuns = 0, waited = 0.0

    /// Waits (up to --quiet-wait seconds) for a second in which other processes
    /// use less than a quarter of a core.
    func waitForQuiet() {
        let start = Date()
        timedRuns += 1
        while true {
            let cpuBefore = Machine.CPUTimes.now, ownBefore = Machine.ownCPU
            usleep(1_000_000)
            let other = (Machine.CPUTimes.now.busy - cpuBefore.busy) - (Machine.ownCPU - ownBefore)
            if other < 0.25 { break }
            if Date().timeIntervalSince(start) >= Double(options.quietWait) { busyStarts += 1; break }
        }
        waited += Date().timeIntervalSince(start)
    }

    // MARK: - Results

    func summary(_ dataSet: DataSet, _ tool: Tool) -> Summary? {
        samples[dataSet.path]?[tool].map(Summary.init)
    }

    var header: String {
        "Measured \(iso(started)) with `Benchmarks/run.sh` (ProfScoreBenchmarks).\n\n"
            + info.map { "- \($0.0): \($0.1)" }.joined(separator: "\n")
    }

    var conditions: [String] {
        ["load average (1, 5, 15 min) before: \(loadBefore); after: \(loadAfter)",
         otherWork,
         "peak memory is ru_maxrss of the measured process; a program started the same way that does nothing (/bin/true) shows \(Format.mebibytes(floorKiB)) MiB"]
    }

    func resultTables() -> [Table] {
        var tables: [Table] = []
        var main = Table("Results (median of the runs; MB = 10⁶ bytes of input; CPU = user + system of all threads; cores = CPU ÷ wall; peak = the highest of the runs; others = cores used by other processes during the runs, median)",
                         [("data set", false), ("sheets", true), ("MB", true), ("tool", false), ("wall s", true), ("min–max s", true),
                          ("sheets/s", true), ("MB/s", true), ("CPU s", true), ("cores", true), ("peak MiB", true), ("others", true)])
        for dataSet in dataSets {
            for tool in Tool.allCases {
                guard let s = summary(dataSet, tool) else { continue }
                let mb = Double(dataSet.bytes) / 1e6
                main.add([dataSet.name, Format.count(dataSet.rows), Format.fixed(mb, 1), tool.rawValue, Format.seconds(s.wall),
                          Format.seconds(s.wallMin) + "–" + Format.seconds(s.wallMax), Format.rate(Double(dataSet.rows) / s.wall),
                          Format.fixed(mb / s.wall, 1), Format.seconds(s.cpu), Format.fixed(s.cpu / s.wall, 2), Format.mebibytes(s.maxRSSKiB),
                          Format.fixed(s.otherCores, 2)])
            }
        }
        tables.append(main)

        var ratios = Table("Peers ÷ profscore report (median wall time of whole processes, start-up included; in-script: the peer's own timing of reading + scoring, without interpreter start-up and library loading)",
                           [("data set", false), ("profscore report s", true), ("R psych s", true), ("psych ÷ report", true), ("psych in-script s", true),
                            ("pandas s", true), ("pandas ÷ report", true), ("pandas in-script s", true)])
        for dataSet in dataSets {
            guard let report = summary(dataSet, .report), let psych = summary(dataSet, .psych), let pandas = summary(dataSet, .pandas) else { continue }
            ratios.add([dataSet.name, Format.seconds(report.wall), Format.seconds(psych.wall), Format.ratio(psych.wall / report.wall),
                        psych.inScript.map(Format.seconds) ?? "—", Format.seconds(pandas.wall), Format.ratio(pandas.wall / report.wall),
                        pandas.inScript.map(Format.seconds) ?? "—"])
        }
        for dataSet in dataSets {
            for tool in [Tool.psych, .pandas] {
                guard let s = summary(dataSet, tool), let read = s.inScriptRead, let score = s.inScriptScore else { continue }
                ratios.notes.append("\(dataSet.name), \(tool.rawValue) in-script: reading the CSV \(Format.seconds(read)) s, scoring and grouping \(Format.seconds(score)) s"
                                    + " (the rest of \(Format.seconds(s.wall)) s is start-up, loading the library and writing)")
            }
        }
        if !ratios.rows.isEmpty { tables.append(ratios) }

        let ddo = dataSets.filter { $0.instrument == .ddo }
        if ddo.count > 1 {
            let reference = ddo.first { $0.rows == 1_000_000 } ?? ddo[ddo.count / 2]
            var scaling = Table("Scaling, ДДО (median wall time per sheet; ÷ \(DataSet.label(reference.rows)): per-sheet time relative to \(DataSet.label(reference.rows)) sheets, 1.00 = linear)",
                                [("tool", false)] + ddo.map { ("ns/sheet \(DataSet.label($0.rows))", true) }
                                + ddo.filter { $0.rows != reference.rows }.map { ("\(DataSet.label($0.rows)) ÷ \(DataSet.label(reference.rows))", true) }
                                + ddo.map { ("peak MiB \(DataSet.label($0.rows))", true) })
            for tool in [Tool.report, .score] {
                let perSheet = ddo.map { ds in summary(ds, tool).map { $0.wall / Double(ds.rows) } }
                guard let referencePerSheet = summary(reference, tool).map({ $0.wall / Double(reference.rows) }) else { continue }
                scaling.add([tool.rawValue]
                            + perSheet.map { $0.map { Format.fixed($0 * 1e9, 0) } ?? "—" }
                            + zip(ddo, perSheet).filter { $0.0.rows != reference.rows }.map { $0.1.map { Format.fixed($0 / referencePerSheet, 2) } ?? "—" }
                            + ddo.map { summary($0, tool).map { Format.mebibytes($0.maxRSSKiB) } ?? "—" })
            }
            tables.append(scaling)
        }
        let targets = targetTable()
        if !targets.rows.isEmpty { tables.append(targets) }
        return tables
    }

    /// The targets of issue 5, against what was measured.
    func targetTable() -> Table {
        var table = Table("Targets of issue 5 (for the scoring code; measured as it is now)",
                          [("target", false), ("measured", false), ("met", false)])
        func yes(_ met: Bool) -> String { met ? "yes" : "NO" }
        let ddo1M = dataSets.first { $0.instrument == .ddo && $0.rows == 1_000_000 }
        let ddo5M = dataSets.first { $0.instrument == .ddo && $0.rows == 5_000_000 }
        let onet = dataSets.first { $0.instrument == .onet && $0.rows == 200_000 }
        if let ds = ddo1M, let r = summary(ds, .report) {
            table.add(["report, ДДО 1M: ≤ 0.5 s", Format.seconds(r.wall) + " s", yes(r.wall <= 0.5)])
            table.add(["report, ДДО 1M: uses both cores (CPU ÷ wall ≥ 1.5)", Format.fixed(r.cpu / r.wall, 2), yes(r.cpu / r.wall >= 1.5)])
        }
        if let ds = ddo1M, let s = summary(ds, .score) {
            table.add(["score --format csv, ДДО 1M: ≤ 1.0 s", Format.seconds(s.wall) + " s", yes(s.wall <= 1.0)])
        }
        if let ds = onet, let r = summary(ds, .report) {
            table.add(["report, O*NET 200k: ≤ 0.5 s", Format.seconds(r.wall) + " s", yes(r.wall <= 0.5)])
        }
        if let a = ddo1M.flatMap({ summary($0, .report) }), let b = ddo5M.flatMap({ summary($0, .report) }) {
            let peak = max(a.maxRSSKiB, b.maxRSSKiB)
            table.add(["report peak memory ≤ 64 MiB", "\(Format.mebibytes(a.maxRSSKiB)) MiB (1M), \(Format.mebibytes(b.maxRSSKiB)) MiB (5M)", yes(peak <= 64 * 1024)])
            let difference = abs(Double(b.maxRSSKiB - a.maxRSSKiB)) / Double(a.maxRSSKiB)
            table.add(["report peak memory the same for 1M and 5M (within 5 %)", String(format: "%+.1f %%", 100 * Double(b.maxRSSKiB - a.maxRSSKiB) / Double(a.maxRSSKiB)), yes(difference <= 0.05)])
            for tool in [Tool.report, .score] {
                if let one = ddo1M.flatMap({ summary($0, tool) }), let five = ddo5M.flatMap({ summary($0, tool) }) {
                    let ratio = (five.wall / 5) / one.wall
                    table.add(["\(tool.rawValue): linear, per-sheet time 5M ÷ 1M within 0.8–1.2", Format.fixed(ratio, 2), yes(ratio >= 0.8 && ratio <= 1.2)])
                }
            }
        }
        for ds in [ddo1M, onet].compactMap({ $0 }) {
            guard let r = summary(ds, .report), let psych = summary(ds, .psych), let pandas = summary(ds, .pandas) else { continue }
            table.add(["\(ds.name): ≥ 20× faster than R psych", Format.ratio(psych.wall / r.wall), yes(psych.wall / r.wall >= 20)])
            table.add(["\(ds.name): ≥ 5× faster than pandas", Format.ratio(pandas.wall / r.wall), yes(pandas.wall / r.wall >= 5)])
        }
        return table
    }

    func writeMarkdown(_ text: String) throws {
        guard let path = options.markdown else { return }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        log("wrote \(path)")
    }
}
