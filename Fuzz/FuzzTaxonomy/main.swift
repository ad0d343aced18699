import CSPRClassify
import FuzzSupport

/// libFuzzer entry point: any bytes as a taxonomy file, which must load or fail with a
/// located error, and when it loads, build a classifier and tag a sentence.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTaxonomy(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  guard
    let taxonomy = try? TaxonomyLoader.parse(
      String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml"),
    let language = try? LanguageList.load()
  else { return 0 }
  _ = Classifier(taxonomy: taxonomy, language: language).tags("The child was not seen alone.")
  return 0
}

@_cdecl("FuzzTaxonomy_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> CInt
{
  runFuzzer(argc, argv) { fuzzTaxonomy($0, $1) }
}
