import Foundation
// `ocop-fuzz`: the fuzz targets of FuzzTargets.
//
// Built with `make fuzz` (`swift build --sanitize=fuzzer --sanitize=address -Xswiftc -DOCOP_LIBFUZZER`), it is a
// libFuzzer binary: `OCOP_FUZZ_TARGET=csv ocop-fuzz CORPUS_DIR -max_total_time=60`. Built normally, it replays
// files: `ocop-fuzz csv FILE...` runs each through the target and says what it read.
import FuzzTargets

#if OCOP_LIBFUZZER
    /// The target named by `OCOP_FUZZ_TARGET`, chosen once.
    let fuzzTarget: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["OCOP_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("OCOP_FUZZ_TARGET must be one of \(names)\n".utf8))
            exit(64)
        }
        return target
    }()

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
        fuzzTarget.run(Data(bytes: bytes, count: count))
        return 0
    }
#else
    @main
    struct Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                print("usage: ocop-fuzz \(names) FILE...")
                exit(64)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                print("\(path): \(target.run(data)) read")
            }
        }
    }
#endif
