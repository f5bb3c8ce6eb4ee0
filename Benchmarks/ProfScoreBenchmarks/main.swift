// ProfScoreBenchmarks — the measuring harness of issue 5. See Options.usage,
// Benchmarks/run.sh and docs/performance.md.
import Foundation

// A measured program is started by a fresh copy of this executable (see Spawn).
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == Spawn.launcherFlag {
    Spawn.launcherMain(CommandLine.arguments)
}

do {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    let benchmark = try Benchmark(options: options)
    exit(try benchmark.run())
} catch {
    FileHandle.standardError.write(Data("ProfScoreBenchmarks: \(error)\n".utf8))
    exit(1)
}
