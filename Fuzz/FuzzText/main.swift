import CSPRIngest
import FuzzSupport

/// libFuzzer entry point: any bytes, structured as plain text (even first byte) or Markdown.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  let markdown = (bytes.first ?? 0) % 2 == 1
  _ = TextStructurer(markdown: markdown).structure(String(decoding: bytes, as: UTF8.self))
  return 0
}

@_cdecl("FuzzText_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> CInt
{
  runFuzzer(argc, argv) { fuzzText($0, $1) }
}
