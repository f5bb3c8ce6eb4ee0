import Foundation

/// What the numbers were measured on, and how busy the machine was.
enum Machine {
    static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    static var cpuModel: String {
        read("/proc/cpuinfo").split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }

    static var cores: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    static var memory: String {
        guard let line = read("/proc/meminfo").split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
              let kib = Double(line.split(separator: " ")[1]) else { return "unknown" }
        return String(format: "%.1f GiB", kib / 1024 / 1024)
    }

    static var kernel: String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: name.release) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }

    /// The 1-, 5- and 15-minute load averages.
    static var load: String {
        read("/proc/loadavg").split(separator: " ").prefix(3).joined(separator: " ")
    }


    /// CPU seconds of the whole machine (all cores): busy (user, nice, system,
    /// irq, softirq), steal (taken by the hypervisor) and idle (idle + iowait).
    struct CPUTimes {
        /// busy includes niced: the time of processes with a lowered priority.
        var busy: Double, niced: Double, steal: Double, idle: Double

        static var now: CPUTimes {
            let fields = Machine.read("/proc/stat").split(separator: "\n").first { $0.hasPrefix("cpu ") }?
                .split(separator: " ").dropFirst().compactMap { Double($0) } ?? []
            let tick = Double(sysconf(Int32(_SC_CLK_TCK)))
            func f(_ i: Int) -> Double { i < fields.count ? fields[i] / tick : 0 }
            return CPUTimes(busy: f(0) + f(1) + f(2) + f(5) + f(6), niced: f(1), steal: f(7), idle: f(3) + f(4))
        }
    }

    /// CPU seconds used by this process and every descendant it has reaped
    /// (launchers and, through them, the measured programs).
    static var ownCPU: Double {
        func total(_ who: __rusage_who) -> Double {
            var usage = rusage()
            getrusage(__rusage_who_t(who.rawValue), &usage)
            return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        }
        return total(RUSAGE_SELF) + total(RUSAGE_CHILDREN)
    }
}
