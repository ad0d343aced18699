import CSPRClassify
import CSPRExtract
import CSPRIngest
import FuzzSupport

let classifier = try? Classifier.load()

/// libFuzzer entry point: any bytes through ingest (HTML or text), extraction and
/// classification — the whole per-file pipeline but PDF (which runs an outside tool).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtract(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  if bytes.starts(with: Array("%PDF".utf8)) { return 0 }
  guard let document = try? Ingestor().read(bytes: bytes, source: "fuzz.txt") else { return 0 }
  let review = Extractor().extract(document)
  _ = classifier?.classify(review, document: document)
  return 0
}

@_cdecl("FuzzExtract_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> CInt
{
  runFuzzer(argc, argv) { fuzzExtract($0, $1) }
}
