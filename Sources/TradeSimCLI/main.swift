import Foundation
#if canImport(Glibc)
import Glibc

// Allocations of 1 MiB and more (a million paths' results are 8 MB an array) are mapped and
// returned to the system when freed. By default glibc raises this threshold after the first
// such free, after which large temporaries come from the heap and stay resident, so the peak
// memory of a big run would grow with every report table it builds. (`mallopt` is not in
// Swift's Glibc module: it is looked up by name; M_MMAP_THRESHOLD is −3 in <malloc.h>.)
if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 1 << 20)
}
#endif

exit(CLI.main(CommandLine.arguments))
