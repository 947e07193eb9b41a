import Foundation
#if canImport(Glibc)
import Glibc

// Allocations of 1 MiB and more (a million paths' results are 8 MB an array) are mapped and
// returned to the system when freed. By default glibc raises this threshold after the first
// such free, after which large temporaries come from the heap and stay resident, so the peak
// memory of a big run would grow with every report table it builds. Below it, up to 16 MiB of
// freed heap is kept for reuse instead of being returned at once (fixing the threshold also
// fixes glibc's trim threshold at 128 KiB): a run of 100k paths then takes 6,200 page faults
// instead of 7,600, each about 3 µs on this VM, with the same peak memory (38 MiB; 123 MiB at
// a million paths). (`mallopt` is not in Swift's Glibc module: it is looked up by name;
// M_MMAP_THRESHOLD is −3 and M_TRIM_THRESHOLD −1 in <malloc.h>.)
if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    _ = mallopt(-3, 1 << 20)
    _ = mallopt(-1, 16 << 20)
}
#endif

exit(CLI.main(CommandLine.arguments))
