import Foundation

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What one run of a program cost, as the kernel accounts it.
struct Measurement {
    /// Exit code, or −signal when the program was killed by a signal.
    var status: Int32
    /// Wall time from spawn to reaping, seconds.
    var wall: Double
    /// CPU time in user and kernel mode, seconds (all threads).
    var user: Double
    var system: Double
    /// Peak resident set size, KiB (`ru_maxrss`).
    var maxRSSKiB: Int

    var cpu: Double { user + system }
}

/// Starting programs and measuring them with wait4.
///
/// At exec the kernel records the high-water RSS of the address space being
/// replaced as part of the new program's `ru_maxrss`. glibc's posix_spawn runs
/// the child in the parent's address space (CLONE_VM | CLONE_VFORK), so a child
/// spawned by the harness would report at least the harness's own peak (which
/// parsed a large CSV before). So every measured program is started by a fresh
/// copy of this executable (`--measure-child`), which forks and execs it, reaps
/// it with wait4 and writes the rusage to a file. What remains is the forked
/// launcher's private pages, about 3 MiB, measured as the floor (`/bin/true`).
enum Spawn {
    static let launcherFlag = "--measure-child"

    /// Spawns `argv` (looked up in PATH when it has no slash) with standard
    /// output and error sent to files (or /dev/null) and the given environment.
    static func spawn(_ argv: [String], stdout: String?, stderr: String?, environment: [String]? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc: Int32
        if let environment {
            let cEnv: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
            defer { cEnv.forEach { free($0) } }
            rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, cEnv)
        } else {
            rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
        }
        guard rc == 0 else { throw BenchmarkError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        return pid
    }

    static func decodeStatus(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -(status & 0x7F)
    }

    /// The program's path: as given when it has a slash, else the first match in PATH.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where access("\(folder)/\(program)", X_OK) == 0 {
            return "\(folder)/\(program)"
        }
        return nil
    }

    /// fork(2), which Swift does not import; found with dlsym.
    private typealias ForkFunction = @convention(c) () -> pid_t

    /// Forks, execs and reaps `argv` in this process and measures it (used by
    /// the launcher). fork rather than posix_spawn: a forked child starts with a
    /// copy of only the launcher's private pages (about 3 MiB), where posix_spawn's
    /// shared address space would hand it the launcher's whole peak (shared
    /// libraries included, about 16 MiB). Everything the child needs is prepared
    /// before the fork; the child only calls dup2, execve and _exit.
    static func measureHere(_ argv: [String], stdout: String?, stderr: String?) throws -> Measurement {
        guard let program = resolve(argv[0]) else { throw BenchmarkError("\(argv[0]): not found") }
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "fork") else { throw BenchmarkError("no fork") }
        let forkCall = unsafeBitCast(symbol, to: ForkFunction.self)
        let input = open("/dev/null", O_RDONLY)
        let output = open(stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let errors = open(stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard input >= 0, output >= 0, errors >= 0 else { throw BenchmarkError("cannot open the output files") }
        let cPath = strdup(program)!
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { free(cPath); cArgs.forEach { free($0) }; close(input); close(output); close(errors) }
        var start = timespec(), end = timespec()
        let pid: pid_t = cArgs.withUnsafeBufferPointer { args in
            clock_gettime(CLOCK_MONOTONIC, &start)
            let pid = forkCall()
            if pid == 0 {
                dup2(input, 0); dup2(output, 1); dup2(errors, 2)
                execve(cPath, args.baseAddress!, environ)
                _exit(127)
            }
            return pid
        }
        guard pid > 0 else { throw BenchmarkError("fork failed: \(errno)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkError("wait4 failed: \(errno)") }
        }
        clock_gettime(CLOCK_MONOTONIC, &end)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return Measurement(
            status: decodeStatus(status),
            wall: Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9,
            user: seconds(usage.ru_utime), system: seconds(usage.ru_stime),
            maxRSSKiB: usage.ru_maxrss)
    }

    /// `--measure-child RESULT STDOUT STDERR -- ARGV…`: run ARGV, write
    /// "status wall user system maxrss" to RESULT, exit 0 (2 when ARGV could not start).
    static func launcherMain(_ arguments: [String]) -> Never {
        guard arguments.count >= 7, arguments[5] == "--" else {
            FileHandle.standardError.write(Data("usage: \(launcherFlag) RESULT STDOUT STDERR -- PROGRAM [ARG…]\n".utf8))
            exit(64)
        }
        let out = arguments[3] == "-" ? nil : arguments[3]
        let err = arguments[4] == "-" ? nil : arguments[4]
        do {
            let m = try measureHere(Array(arguments[6...]), stdout: out, stderr: err)
            let line = "\(m.status) \(m.wall) \(m.user) \(m.system) \(m.maxRSSKiB)\n"
            guard FileManager.default.createFile(atPath: arguments[2], contents: Data(line.utf8)) else { exit(2) }
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
    }

    /// The path of this executable, for starting the launcher.
    static let selfPath: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return n > 0 ? String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    }()

    /// Runs `argv` through a fresh launcher and returns its measurement.
    static func measured(_ argv: [String], stdout: String?, stderr: String?,
                         environment: [String]? = nil, scratch: String) throws -> Measurement {
        let result = scratch + "/measurement.txt"
        unlink(result)
        let pid = try spawn([selfPath, launcherFlag, result, stdout ?? "-", stderr ?? "-", "--"] + argv,
                            stdout: nil, stderr: scratch + "/launcher.err", environment: environment)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchmarkError("waitpid failed") }
        }
        guard decodeStatus(status) == 0,
              let text = try? String(contentsOfFile: result, encoding: .utf8) else {
            let why = (try? String(contentsOfFile: scratch + "/launcher.err", encoding: .utf8)) ?? ""
            throw BenchmarkError("could not run \(argv.joined(separator: " ")): \(why.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let parts = text.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.count == 5, let status = Int32(parts[0]), let wall = Double(parts[1]), let user = Double(parts[2]),
              let system = Double(parts[3]), let rss = Int(parts[4]) else {
            throw BenchmarkError("unreadable measurement: \(text)")
        }
        return Measurement(status: status, wall: wall, user: user, system: system, maxRSSKiB: rss)
    }

    /// Runs a helper command (not measured) and returns its standard output, or nil.
    static func capture(_ argv: [String], scratch: String) -> String? {
        let out = scratch + "/capture.txt"
        guard let pid = try? spawn(argv, stdout: out, stderr: nil) else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 { if errno != EINTR { return nil } }
        guard decodeStatus(status) == 0 else { return nil }
        return (try? String(contentsOfFile: out, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
