import CSPRIngest
import FuzzSupport

/// libFuzzer entry point: any bytes, read as an HTML review (libxml2 and the tree walk).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  _ = try? Ingestor().read(bytes: Array("<html>".utf8) + bytes, source: "fuzz.html")
  return 0
}

@_cdecl("FuzzHTML_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> CInt
{
  runFuzzer(argc, argv) { fuzzHTML($0, $1) }
}
