import CSPRIngest

/// libFuzzer entry point: any bytes, read as an HTML review (libxml2 and the tree walk).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  _ = try? Ingestor().read(bytes: Array("<html>".utf8) + bytes, source: "fuzz.html")
  return 0
}
