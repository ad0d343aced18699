import ArgumentParser
import CSPRExtract
import CSPRIngest
import CSPRModel
import Foundation

extension CSPRCommand {
  /// `cspr evaluate`: measure extraction and classification against gold annotations.
  struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure extraction or theme classification against gold annotations.",
      subcommands: [Extraction.self])
  }
}

extension CSPRCommand.Evaluate {
  /// `cspr evaluate extraction --gold FILE PATH…`.
  struct Extraction: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Precision and recall of extracted items, and accuracy of metadata fields.",
      discussion: """
        Reads the reviews, extracts their items and compares them with the gold annotations \
        (JSON Lines: one `review` line per document and one `item` line per recommendation, \
        finding or good-practice point). An extracted item matches a gold item of the same \
        kind when their texts, lowercased with punctuation removed, are at least 90% similar.

        Example:
          cspr evaluate extraction --gold corpus-samples/annotations.jsonl corpus-samples
        """)

    @Option(help: "Gold annotations (JSON Lines).")
    var gold: String

    @Flag(help: "List every missed and extra item and every wrong metadata field.")
    var verbose = false

    @OptionGroup var input: InputOptions

    func run() async throws {
      let records = try GoldFile.read(gold)
      let byDoc = Dictionary(grouping: records.filter { $0.doc != nil }) { $0.doc ?? "" }
      let diagnostics = Diagnostics()
      let inputs = try input.collect(diagnostics: diagnostics)
      var evaluation = ExtractionEvaluation()
      var seen: Set<String> = []
      let extractor = Extractor()
      try await Pipeline.run(
        inputs, jobs: input.jobs, ingestor: input.ingestor, diagnostics: diagnostics,
        transform: { extractor.extract($0) }
      ) { source, review in
        let name = (source.name as NSString).lastPathComponent
        guard let goldRecords = byDoc[name] else { return }
        seen.insert(name)
        evaluation.add(doc: name, extracted: review, gold: goldRecords)
      }
      for missing in Set(byDoc.keys).subtracting(seen).sorted() {
        diagnostics.fail(missing, "in the gold file but not among the reviews read")
      }
      var out = StandardOutput()
      if verbose { out.write(evaluation.misses.joined(separator: "\n") + "\n\n") }
      out.write(evaluation.report)
      out.flush()
      try finish(diagnostics)
    }
  }
}

/// Reads a gold annotation file, naming the line of any error.
enum GoldFile {
  static func read(_ path: String) throws -> [GoldRecord] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ValidationError("cannot read the gold file '\(path)'")
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    var records: [GoldRecord] = []
    for (index, line) in String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      do {
        records.append(try decoder.decode(GoldRecord.self, from: Data(line.utf8)))
      } catch {
        throw ValidationError("\(path):\(index + 1): not a valid annotation line: \(error)")
      }
    }
    return records
  }
}
